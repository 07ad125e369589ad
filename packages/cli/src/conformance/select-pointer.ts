import { getOwn, isJsonObject } from '@toolbridge/core';

/** Splits a JSON pointer (RFC 6901) into unescaped tokens; `""` is the whole document. */
export function pointerTokens(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((token) => token.replaceAll('~1', '/').replaceAll('~0', '~'));
}

function child(value: unknown, token: string): { found: boolean; value?: unknown } {
  if (Array.isArray(value)) {
    // `-1` is the last element: an extension of RFC 6901, for "the last event" checks.
    if (!/^-?(0|[1-9]\d*)$/.test(token)) return { found: false };
    const index = token.startsWith('-') ? value.length + Number(token) : Number(token);
    return index >= 0 && index < value.length ? { found: true, value: value[index] } : { found: false };
  }
  // Own properties only: `__proto__` in a pointer must not reach Object.prototype.
  if (isJsonObject(value) && Object.hasOwn(value, token)) return { found: true, value: getOwn(value, token) };
  return { found: false };
}

/**
 * Every value a pointer selects, in document order (docs/conformance.md#pointers). A plain pointer
 * selects zero or one value; a `*` token stands for every element of an array or every member of
 * an object, and the selections of several `*` tokens flatten in order (every event's every call delta).
 * A missing path selects nothing rather than failing, so `exists` and `count` can be checked.
 */
export function selectPointer(document: unknown, pointer: string): unknown[] {
  let current: unknown[] = [document];
  for (const token of pointerTokens(pointer)) {
    const next: unknown[] = [];
    for (const value of current) {
      if (token === '*') {
        if (Array.isArray(value)) next.push(...value);
        else if (isJsonObject(value)) next.push(...Object.values(value));
        continue;
      }
      const found = child(value, token);
      if (found.found) next.push(found.value);
    }
    current = next;
  }
  return current;
}
