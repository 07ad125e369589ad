import { isJsonObject } from '@toolbridge/core';

function tokens(pointer: string): string[] {
  return pointer
    .slice(1)
    .split('/')
    .map((token) => token.replaceAll('~1', '/').replaceAll('~0', '~'));
}

function removeAt(value: unknown, path: readonly string[]): unknown {
  const [head, ...rest] = path;
  if (head === undefined) return value;
  if (Array.isArray(value)) {
    if (head === '*') return value.map((entry) => removeAt(entry, rest));
    const index = Number(head);
    if (!Number.isInteger(index) || index < 0 || index >= value.length) return value;
    if (rest.length === 0) return value.filter((_, at) => at !== index);
    return value.map((entry, at) => (at === index ? removeAt(entry, rest) : entry));
  }
  if (!isJsonObject(value)) return value;
  const result: Record<string, unknown> = {};
  for (const [key, entry] of Object.entries(value)) {
    const matches = head === '*' || key === head;
    if (matches && rest.length === 0) continue;
    Object.defineProperty(result, key, {
      value: matches ? removeAt(entry, rest) : entry,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return result;
}

function removeKeyEverywhere(value: unknown, name: string): unknown {
  if (Array.isArray(value)) return value.map((entry) => removeKeyEverywhere(entry, name));
  if (!isJsonObject(value)) return value;
  const result: Record<string, unknown> = {};
  for (const [key, entry] of Object.entries(value)) {
    if (key === name) continue;
    Object.defineProperty(result, key, {
      value: removeKeyEverywhere(entry, name),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return result;
}

/**
 * Removes the `--redact` fields from a JSON value (docs/cassettes.md#redaction): an entry starting
 * with `/` is a JSON pointer (`*` for every element or member), anything else a key name removed
 * at every depth. The value is copied, never changed in place.
 */
export function redactFields(value: unknown, fields: readonly string[]): unknown {
  let result = value;
  for (const field of fields)
    result = field.startsWith('/') ? removeAt(result, tokens(field)) : removeKeyEverywhere(result, field);
  return result;
}
