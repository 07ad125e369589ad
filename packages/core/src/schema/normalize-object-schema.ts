import type { JsonObject } from '../items/canonical.js';
import { getOwn, isJsonObject } from '../json/get-own.js';
import { defineOwn } from './define-own.js';
import { makeNullable } from './make-nullable.js';
import { type NormalizeContext, recordChange, refuse } from './normalize-context.js';
import { pythonRepr, type SchemaPath } from './schema-path.js';

/** Normalizes one child schema at `path`; passed in so this module does not import its caller. */
export type NormalizeChild = (node: unknown, path: SchemaPath) => unknown;

const requiredReason =
  "'required' is required to be supplied and to be an array including every key in properties";

/**
 * Applies rules 2–4 of docs/protocol/strict-mode.md#requirements to one object schema, in place on the
 * caller's copy: closes it with `additionalProperties: false`, normalizes each property, turns optional
 * properties into required nullable ones, and lists every key in `required`. Open objects, free-form objects
 * and required keys without a property are refused, since closing them would change what they accept.
 */
export function normalizeObjectSchema(
  context: NormalizeContext,
  schema: JsonObject,
  path: SchemaPath,
  normalizeChild: NormalizeChild,
): void {
  const additionalProperties = getOwn(schema, 'additionalProperties');
  if (additionalProperties === undefined) {
    schema['additionalProperties'] = false;
    recordChange(context, path, "added 'additionalProperties': false");
  } else if (additionalProperties !== false) {
    const shown = additionalProperties === true ? 'true' : 'a schema';
    refuse(
      context,
      path,
      'additional_properties_open',
      `'additionalProperties' must be false in strict mode; it is ${shown} here, and closing the object would reject properties the schema allows`,
    );
  }
  let properties = getOwn(schema, 'properties');
  if (properties === undefined && additionalProperties === false) {
    // A closed object without properties accepts only {}; so does `properties: {}`.
    properties = {};
    recordChange(context, path, "added 'properties': {} to a closed object without properties");
  }
  if (properties === undefined) {
    refuse(
      context,
      path,
      'missing_properties',
      'object schema missing properties; an object with arbitrary keys cannot be expressed in strict mode',
    );
    return;
  }
  if (!isJsonObject(properties)) {
    refuse(context, path, 'invalid_properties', "'properties' must be an object of schemas");
    return;
  }
  const required = getOwn(schema, 'required');
  if (
    required !== undefined &&
    !(Array.isArray(required) && required.every((key) => typeof key === 'string'))
  ) {
    refuse(context, path, 'required_invalid', requiredReason);
    return;
  }
  const requiredKeys = new Set<string>(required ?? []);
  for (const key of requiredKeys) {
    if (!Object.hasOwn(properties, key)) {
      refuse(
        context,
        path,
        'required_extra',
        `${requiredReason}. Extra required key ${pythonRepr(key)} supplied, and no property schema can be inferred for it`,
      );
    }
  }
  const normalized: JsonObject = {};
  for (const [key, child] of Object.entries(properties)) {
    const childPath = [...path, 'properties', key];
    let value = normalizeChild(child, childPath);
    if (!requiredKeys.has(key) && isJsonObject(value)) {
      const nullable = makeNullable(value, context.root);
      value = nullable.schema;
      const how = nullable.how ?? 'it already accepted null';
      recordChange(
        context,
        childPath,
        `optional property ${pythonRepr(key)} is now required and nullable: ${how}`,
      );
    }
    defineOwn(normalized, key, value);
  }
  schema['properties'] = normalized;
  const keys = Object.keys(normalized);
  // A `required` holding every key in another order is already strict; keep the author's order.
  if (
    required === undefined ||
    required.length !== keys.length ||
    keys.some((key) => !requiredKeys.has(key))
  ) {
    schema['required'] = keys;
  }
}
