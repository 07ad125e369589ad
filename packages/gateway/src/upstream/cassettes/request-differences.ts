import { isJsonObject } from '@toolbridge/core';

/** One place where a live request differs from a recorded one. */
export interface RequestDifference {
  /** JSON pointer into the upstream body (inside JSON-in-a-string values too). */
  pointer: string;
  /** `differs`: both have it; `missing`: only the recording; `extra`: only this request; `length`: array sizes. */
  kind: 'differs' | 'missing' | 'extra' | 'length';
}

function escapeToken(token: string): string {
  return token.replaceAll('~', '~0').replaceAll('/', '~1');
}

function walk(
  recorded: unknown,
  live: unknown,
  pointer: string,
  out: RequestDifference[],
  limit: number,
): void {
  if (out.length >= limit) return;
  if (Array.isArray(recorded) && Array.isArray(live)) {
    const shared = Math.min(recorded.length, live.length);
    for (let index = 0; index < shared; index++)
      walk(recorded[index], live[index], `${pointer}/${index}`, out, limit);
    if (recorded.length !== live.length) out.push({ pointer: pointer || '/', kind: 'length' });
    return;
  }
  if (isJsonObject(recorded) && isJsonObject(live)) {
    const keys = [...new Set([...Object.keys(recorded), ...Object.keys(live)])].sort();
    for (const key of keys) {
      // `<json>` marks a JSON value found inside a string (canonical-request.ts); it is no field.
      const next = key === '<json>' ? pointer : `${pointer}/${escapeToken(key)}`;
      if (!Object.hasOwn(live, key)) out.push({ pointer: next, kind: 'missing' });
      else if (!Object.hasOwn(recorded, key)) out.push({ pointer: next, kind: 'extra' });
      else walk(recorded[key], live[key], next, out, limit);
      if (out.length >= limit) return;
    }
    return;
  }
  if (JSON.stringify(recorded) !== JSON.stringify(live))
    out.push({ pointer: pointer || '/', kind: 'differs' });
}

/**
 * Where two canonical requests differ, in document order, at most `limit` places: how close a
 * cassette is to a missed request, and what to tell the user about the closest one.
 */
export function requestDifferences(recorded: unknown, live: unknown, limit = 1_000): RequestDifference[] {
  const out: RequestDifference[] = [];
  walk(recorded, live, '', out, limit);
  return out;
}

/** The words the miss error uses for a difference. */
export function describeDifference(difference: RequestDifference): string {
  switch (difference.kind) {
    case 'missing':
      return `${difference.pointer} is in the recording but not in this request`;
    case 'extra':
      return `${difference.pointer} is in this request but not in the recording`;
    case 'length':
      return `${difference.pointer} has a different number of items`;
    default:
      return `${difference.pointer} has a different value`;
  }
}
