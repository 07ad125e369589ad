/** A JSON object as received from the wire: keys are untrusted, values unknown. */
export type JsonRecord = { [key: string]: unknown };

/** True for plain JSON objects (not arrays, not null). */
export function isRecord(value: unknown): value is JsonRecord {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Reads an own property only, so hostile keys such as `__proto__` or `constructor` never reach the
 * prototype chain.
 */
export function ownValue(record: JsonRecord, key: string): unknown {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}

/** An own string property, or undefined. */
export function ownString(record: JsonRecord, key: string): string | undefined {
  const value = ownValue(record, key);
  return typeof value === 'string' ? value : undefined;
}
