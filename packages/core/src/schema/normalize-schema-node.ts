import type { JsonObject } from '../items/canonical.js';
import { getOwn, isJsonObject } from '../json/get-own.js';
import { refSiblingKeywords } from './check-ref-keyword.js';
import { defineOwn } from './define-own.js';
import { inlineRef } from './inline-ref.js';
import { mergeSingleAllOf } from './merge-single-all-of.js';
import { type NormalizeContext, recordChange, refuse, shortJson } from './normalize-context.js';
import { normalizeObjectSchema } from './normalize-object-schema.js';
import { proveOneOfExclusive } from './prove-one-of-exclusive.js';
import { maxSchemaNesting } from './schema-nesting-guard.js';
import { pythonRepr, type SchemaPath } from './schema-path.js';
import { isObjectSchema, schemaTypeIncludes } from './schema-type.js';
import { definitionKeywords, notPermittedKeywords } from './strict-schema-keywords.js';

/**
 * Annotations in the not-permitted list: they never affect validation (Ajv ignores them too), so
 * dropping them changes nothing a value is checked against.
 */
const droppableKeywords: ReadonlySet<string> = new Set(['contentEncoding', 'contentMediaType']);

/**
 * Rewrites one schema (and everything below it) into strict form, recording each change, or
 * records why a part cannot be rewritten without changing what it accepts. Returns a new value;
 * the input is never mutated.
 */
export function normalizeSchemaNode(
  context: NormalizeContext,
  node: unknown,
  path: SchemaPath,
  nesting: number,
): unknown {
  if (!isJsonObject(node)) {
    const reason =
      typeof node === 'boolean'
        ? 'boolean schemas cannot be expressed in strict mode; use an object schema'
        : 'schema must be a JSON object';
    refuse(context, path, 'invalid_schema', reason);
    return node;
  }
  if (nesting > maxSchemaNesting) {
    refuse(context, path, 'max_nesting', `schema nests more than ${maxSchemaNesting} levels`);
    return node;
  }
  let schema: JsonObject = { ...node };
  removeDefault(context, schema, path);
  if (Object.hasOwn(schema, 'allOf')) {
    const merged = mergeSingleAllOf(context, schema, path);
    return merged === undefined ? schema : normalizeSchemaNode(context, merged, path, nesting + 1);
  }
  const ref = getOwn(schema, '$ref');
  if (typeof ref === 'string' && refSiblingKeywords(schema).length > 0) {
    const why = 'strict mode allows only annotations next to a $ref';
    const merged = inlineRef(context, schema, ref, path, why);
    if (merged === undefined) return schema;
    context.inlining.add(ref);
    try {
      return normalizeSchemaNode(context, merged, path, nesting + 1);
    } finally {
      context.inlining.delete(ref);
    }
  }
  if (ref === undefined) {
    schema = normalizeKeywords(context, schema, path);
    if (isObjectSchema(schema)) {
      normalizeObjectSchema(context, schema, path, (child, childPath) =>
        normalizeSchemaNode(context, child, childPath, nesting + 1),
      );
    }
    normalizeItems(context, schema, path, nesting);
    normalizeAnyOf(context, schema, path, nesting);
  }
  normalizeDefinitions(context, schema, path, nesting);
  return schema;
}

/**
 * `default: null` carries nothing (both SDKs drop it). A non-null `default` is rejected by strict
 * mode (`'default' is not permitted`) but is only an annotation, so we drop it too: what the schema
 * accepts is unchanged, and an optional property's default now arrives as `null` for the tool to fill.
 */
function removeDefault(context: NormalizeContext, schema: JsonObject, path: SchemaPath): void {
  if (!Object.hasOwn(schema, 'default')) return;
  const value = schema['default'];
  delete schema['default'];
  recordChange(
    context,
    path,
    value === null
      ? "removed 'default': null"
      : `removed 'default' ${shortJson(value)}: strict mode does not permit defaults, and a default never changes which values are valid`,
  );
}

/**
 * `oneOf`, the other unsupported keywords (docs/protocol/strict-mode.md#unsupported-keywords), and a missing
 * `type`.
 */
function normalizeKeywords(context: NormalizeContext, schema: JsonObject, path: SchemaPath): JsonObject {
  if (Object.hasOwn(schema, 'oneOf')) schema = oneOfAsAnyOf(context, schema, path);
  for (const key of Object.keys(schema)) {
    if (!notPermittedKeywords.has(key) || key === 'oneOf') continue;
    if (droppableKeywords.has(key)) {
      delete schema[key];
      recordChange(
        context,
        path,
        `removed ${pythonRepr(key)}: strict mode does not permit it, and it never affects validation`,
      );
    } else {
      refuse(
        context,
        path,
        'keyword_not_permitted',
        `${pythonRepr(key)} is not permitted, and dropping it would change what the schema accepts`,
      );
    }
  }
  // A refused `oneOf` is what would have carried the type; a second refusal would only add noise.
  if (path.length > 0 && !Object.hasOwn(schema, 'oneOf')) inferType(context, schema, path);
  return schema;
}

/**
 * `oneOf` is not permitted. It becomes `anyOf` only when no value can match two branches (then both
 * accept the same values, which is what the Node SDK relies on for zod discriminated unions);
 * otherwise `anyOf` would accept values `oneOf` rejects, so it is refused.
 */
function oneOfAsAnyOf(context: NormalizeContext, schema: JsonObject, path: SchemaPath): JsonObject {
  if (Object.hasOwn(schema, 'anyOf')) {
    refuse(
      context,
      path,
      'one_of',
      "'oneOf' is not permitted, and it cannot become 'anyOf' because the schema already has one",
    );
    return schema;
  }
  const proof = proveOneOfExclusive(schema['oneOf'], context.root);
  if (proof === undefined) {
    refuse(
      context,
      path,
      'one_of',
      "'oneOf' is not permitted, and its branches cannot be shown to exclude each other, so 'anyOf' could accept values that match several of them",
    );
    return schema;
  }
  const renamed: JsonObject = {};
  for (const [key, value] of Object.entries(schema))
    defineOwn(renamed, key === 'oneOf' ? 'anyOf' : key, value);
  recordChange(context, path, `rewrote 'oneOf' as 'anyOf', which accepts the same values because ${proof}`);
  return renamed;
}

/**
 * Strict mode needs a `type` on every schema without `anyOf`/`$ref` (OBSERVED "schema must have a
 * 'type' key"). A `const` or scalar `enum` implies it exactly; anything else untyped accepts every
 * value, which strict mode cannot express.
 */
function inferType(context: NormalizeContext, schema: JsonObject, path: SchemaPath): void {
  if (Object.hasOwn(schema, 'type') || Object.hasOwn(schema, 'anyOf')) return;
  const enumValues = getOwn(schema, 'enum');
  const values = Object.hasOwn(schema, 'const')
    ? [schema['const']]
    : Array.isArray(enumValues) && enumValues.length > 0
      ? enumValues
      : [];
  const types = [...new Set(values.map(scalarType))];
  if (types.length === 0 || types.includes(undefined)) {
    refuse(
      context,
      path,
      'missing_type',
      "schema must have a 'type' key; without one it accepts any value, which strict mode cannot express",
    );
    return;
  }
  const type = types.length === 1 ? types[0] : types;
  schema['type'] = type;
  const source = Object.hasOwn(schema, 'const') ? "'const'" : "'enum'";
  recordChange(context, path, `added 'type': ${JSON.stringify(type)}, implied by ${source}`);
}

function scalarType(value: unknown): string | undefined {
  if (value === null) return 'null';
  if (typeof value === 'string' || typeof value === 'boolean') return typeof value;
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return undefined;
}

/** Arrays need exactly one `items` schema; a missing or tuple `items` cannot be expressed. */
function normalizeItems(
  context: NormalizeContext,
  schema: JsonObject,
  path: SchemaPath,
  nesting: number,
): void {
  const items = getOwn(schema, 'items');
  if (items === undefined) {
    if (schemaTypeIncludes(schema, 'array')) {
      refuse(
        context,
        path,
        'array_missing_items',
        'array schema missing items; an array of any values cannot be expressed in strict mode',
      );
    }
  } else if (Array.isArray(items)) {
    refuse(
      context,
      path,
      'tuple_items',
      "'items' is a tuple, and tuple validation cannot be expressed in strict mode",
    );
  } else {
    schema['items'] = normalizeSchemaNode(context, items, [...path, 'items'], nesting + 1);
  }
}

function normalizeAnyOf(
  context: NormalizeContext,
  schema: JsonObject,
  path: SchemaPath,
  nesting: number,
): void {
  const anyOf = getOwn(schema, 'anyOf');
  if (!Array.isArray(anyOf)) return;
  schema['anyOf'] = anyOf.map((branch, index) =>
    normalizeSchemaNode(context, branch, [...path, 'anyOf', String(index)], nesting + 1),
  );
}

function normalizeDefinitions(
  context: NormalizeContext,
  schema: JsonObject,
  path: SchemaPath,
  nesting: number,
): void {
  for (const keyword of definitionKeywords) {
    const definitions = getOwn(schema, keyword);
    if (!isJsonObject(definitions)) continue;
    const normalized: JsonObject = {};
    for (const [name, definition] of Object.entries(definitions)) {
      defineOwn(
        normalized,
        name,
        normalizeSchemaNode(context, definition, [...path, keyword, name], nesting + 1),
      );
    }
    schema[keyword] = normalized;
  }
}
