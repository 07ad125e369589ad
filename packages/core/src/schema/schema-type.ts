import type { JsonObject } from '../items/canonical.js';
import { getOwn } from '../json/get-own.js';

/** True when the schema's `type` is `name` or a type list containing it. */
export function schemaTypeIncludes(schema: JsonObject, name: string): boolean {
  const type = getOwn(schema, 'type');
  return type === name || (Array.isArray(type) && type.includes(name));
}

/**
 * An object schema is one typed `object` (alone or in a type list), or an untyped one with
 * `properties`; strict mode's object rules (docs/protocol/strict-mode.md#requirements) apply to both.
 */
export function isObjectSchema(schema: JsonObject): boolean {
  return getOwn(schema, 'type') === undefined
    ? Object.hasOwn(schema, 'properties')
    : schemaTypeIncludes(schema, 'object');
}
