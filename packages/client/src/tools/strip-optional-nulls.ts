import { isJsonObject } from '@toolbridge/core';

/**
 * Removes `null` values of properties the original schema did not require, following `properties`
 * and `items`. Strict normalization turns an optional property into a required nullable one, so a
 * strict model sends `null` where a zod `.optional()` expects the key to be absent; this undoes that.
 * Returns a copy; unknown shapes are left as they are.
 */
export function stripOptionalNulls(value: unknown, schema: unknown): unknown {
  if (!isJsonObject(schema)) return value;
  if (Array.isArray(value)) {
    const items = schema['items'];
    return isJsonObject(items) ? value.map((entry) => stripOptionalNulls(entry, items)) : value;
  }
  const properties = schema['properties'];
  if (!isJsonObject(value) || !isJsonObject(properties)) return value;
  const required = new Set(Array.isArray(schema['required']) ? schema['required'] : []);
  const out: Record<string, unknown> = {};
  for (const [key, entry] of Object.entries(value)) {
    if (entry === null && !required.has(key)) continue;
    const propertySchema = Object.hasOwn(properties, key) ? properties[key] : undefined;
    // defineProperty: a key named `__proto__` stays an own data property.
    Object.defineProperty(out, key, {
      value: stripOptionalNulls(entry, propertySchema),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return out;
}
