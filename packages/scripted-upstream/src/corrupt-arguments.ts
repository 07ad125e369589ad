import { isRecord, type JsonRecord } from './json-value.js';

/** The key `#schema-violation` adds; no sane schema declares it. */
export const EXTRA_ARGUMENT_KEY = 'scripted_unexpected_key';

function wrongType(value: unknown): unknown {
  if (typeof value === 'string') return 12345;
  if (typeof value === 'number') return String(value);
  if (typeof value === 'boolean') return String(value);
  if (value === null) return 0;
  return Array.isArray(value) ? 'not-an-array' : 'not-an-object';
}

/** Deliberately broken argument strings for the `#invalid-json` and `#schema-violation` directives. */
export const corruptArguments = {
  /** Valid JSON with its last character cut off, the way a truncated model output looks. */
  invalidJson(valid: string): string {
    return valid.length > 1 ? valid.slice(0, -1) : '{';
  },

  /** Valid JSON that breaks the schema: the first property gets the wrong type and an extra key is added. */
  schemaViolation(valid: unknown): string {
    if (!isRecord(valid)) return JSON.stringify(['schema-violation']);
    const broken = Object.create(null) as JsonRecord;
    let first = true;
    for (const [key, value] of Object.entries(valid)) {
      broken[key] = first ? wrongType(value) : value;
      first = false;
    }
    broken[EXTRA_ARGUMENT_KEY] = true;
    return JSON.stringify(broken);
  },
};
