import type { JsonObject } from '../items/canonical.js';
import { getOwn, isJsonObject } from '../json/get-own.js';
import { resolveLocalRef } from './resolve-local-ref.js';

/** A schema rewritten to also accept `null`, and how (undefined when it already did). */
export interface NullableSchema {
  schema: JsonObject;
  how: string | undefined;
}

/**
 * Makes an already-strict schema accept `null` as well, the strict-mode spelling of an optional property
 * (docs/protocol/strict-mode.md#requirements, rule 4): `"string"` → `["string","null"]` (and `enum` gains
 * `null`), `anyOf` gains `{"type":"null"}`, and a `$ref` or `const` is wrapped in such an `anyOf`.
 */
export function makeNullable(schema: JsonObject, root: JsonObject): NullableSchema {
  if (acceptsNull(schema, root, new Set())) return { schema, how: undefined };
  const anyOf = getOwn(schema, 'anyOf');
  if (Array.isArray(anyOf) && getOwn(schema, '$ref') === undefined) {
    return {
      schema: { ...schema, anyOf: [...anyOf, { type: 'null' }] },
      how: `'anyOf' gained {"type": "null"}`,
    };
  }
  const type = getOwn(schema, 'type');
  const typeList = typeof type === 'string' ? [type] : type;
  const hasConst = Object.hasOwn(schema, 'const');
  if (getOwn(schema, '$ref') !== undefined || hasConst || !isStringList(typeList)) return wrap(schema);

  const nullable: JsonObject = { ...schema, type: [...typeList, 'null'] };
  let how = `type ${JSON.stringify(type)} became ${JSON.stringify(nullable['type'])}`;
  const enumValues = getOwn(schema, 'enum');
  if (Array.isArray(enumValues) && !enumValues.includes(null)) {
    nullable['enum'] = [...enumValues, null];
    how += " and 'enum' gained null";
  }
  return { schema: nullable, how };
}

/** `{anyOf: [schema, {type: "null"}]}`, with `title`/`description` lifted to the wrapper as pydantic does. */
function wrap(schema: JsonObject): NullableSchema {
  const inner: JsonObject = { ...schema };
  const outer: JsonObject = {};
  for (const key of ['title', 'description']) {
    if (Object.hasOwn(inner, key)) {
      outer[key] = inner[key];
      delete inner[key];
    }
  }
  return {
    schema: { anyOf: [inner, { type: 'null' }], ...outer },
    how: 'it was wrapped in anyOf with {"type": "null"}',
  };
}

/** Whether `null` is valid for the schema: through its type, an `anyOf` branch or a ref's target. */
export function acceptsNull(schema: JsonObject, root: JsonObject, seenRefs: Set<string>): boolean {
  const ref = getOwn(schema, '$ref');
  if (typeof ref === 'string') {
    if (seenRefs.has(ref)) return false;
    const resolution = resolveLocalRef(root, ref);
    return resolution.ok && acceptsNull(resolution.target, root, new Set([...seenRefs, ref]));
  }
  const anyOf = getOwn(schema, 'anyOf');
  if (Array.isArray(anyOf)) {
    return anyOf.some((branch) => isJsonObject(branch) && acceptsNull(branch, root, seenRefs));
  }
  const type = getOwn(schema, 'type');
  const typeAllowsNull = type === 'null' || (Array.isArray(type) && type.includes('null'));
  const enumValues = getOwn(schema, 'enum');
  const enumAllowsNull = !Array.isArray(enumValues) || enumValues.includes(null);
  const constAllowsNull = !Object.hasOwn(schema, 'const') || schema['const'] === null;
  return typeAllowsNull && enumAllowsNull && constAllowsNull;
}

function isStringList(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((entry) => typeof entry === 'string');
}
