import type { JsonObject } from '../../items/canonical.js';
import { isJsonObject } from '../../json/get-own.js';

/** String formats Anthropic's strict mode keeps (docs/protocol/anthropic.md §2). */
const KEPT_FORMATS = new Set([
  'date-time',
  'time',
  'date',
  'duration',
  'email',
  'hostname',
  'uri',
  'ipv4',
  'ipv6',
  'uuid',
]);

function isScalar(value: unknown): boolean {
  return value === null || typeof value !== 'object';
}

function take(schema: JsonObject, key: string): unknown {
  if (!Object.hasOwn(schema, key)) return undefined;
  const value = schema[key];
  delete schema[key];
  return value;
}

function mapSchemas(value: unknown): unknown {
  return Array.isArray(value) ? value.map(strictNode) : value;
}

function copyLiterals(rest: JsonObject, out: JsonObject): void {
  const values = rest['enum'];
  if (Array.isArray(values) && values.length > 0 && values.every(isScalar)) out['enum'] = take(rest, 'enum');
  if (rest['const'] !== undefined && isScalar(rest['const'])) out['const'] = take(rest, 'const');
}

function copyComposition(rest: JsonObject, out: JsonObject, literals: boolean): unknown {
  const type = take(rest, 'type');
  const anyOf = take(rest, 'anyOf');
  const oneOf = take(rest, 'oneOf');
  const allOf = take(rest, 'allOf');
  take(rest, '$schema');
  if (Array.isArray(anyOf)) out['anyOf'] = mapSchemas(anyOf);
  else if (Array.isArray(oneOf)) out['anyOf'] = mapSchemas(oneOf);
  else if (Array.isArray(allOf)) out['allOf'] = mapSchemas(allOf);
  else if (!literals && type !== undefined) out['type'] = type;
  return literals ? undefined : type;
}

function copyTyped(rest: JsonObject, out: JsonObject, type: unknown): void {
  if (type === 'object') {
    const properties = take(rest, 'properties');
    out['properties'] = Object.fromEntries(
      Object.entries(isJsonObject(properties) ? properties : {}).map(([key, value]) => [
        key,
        strictNode(value),
      ]),
    );
    take(rest, 'additionalProperties');
    out['additionalProperties'] = false;
    const required = take(rest, 'required');
    if (required !== undefined) out['required'] = required;
  } else if (type === 'string') {
    const format = rest['format'];
    if (typeof format === 'string' && KEPT_FORMATS.has(format)) out['format'] = take(rest, 'format');
  } else if (type === 'array') {
    const items = take(rest, 'items');
    if (items !== undefined) out['items'] = strictNode(items);
    const minItems = rest['minItems'];
    if (minItems === 0 || minItems === 1) out['minItems'] = take(rest, 'minItems');
  }
}

function strictNode(node: unknown): unknown {
  if (!isJsonObject(node)) return node;
  const rest: JsonObject = { ...node };
  const out: JsonObject = {};
  const defs = take(rest, '$defs');
  if (isJsonObject(defs)) {
    out['$defs'] = Object.fromEntries(Object.entries(defs).map(([key, value]) => [key, strictNode(value)]));
  }
  const ref = take(rest, '$ref');
  if (ref !== undefined) {
    out['$ref'] = ref;
    if (rest['description'] !== undefined) out['description'] = rest['description'];
    return out;
  }
  copyLiterals(rest, out);
  const type = copyComposition(rest, out, 'enum' in out || 'const' in out);
  for (const key of ['description', 'title']) {
    const value = take(rest, key);
    if (value !== undefined) out[key] = value;
  }
  copyTyped(rest, out, type);
  const left = Object.entries(rest);
  if (left.length > 0) {
    const note = `{${left.map(([key, value]) => `${key}: ${JSON.stringify(value)}`).join(', ')}}`;
    const description = out['description'];
    out['description'] =
      typeof description === 'string' && description !== '' ? `${description}\n\n${note}` : note;
  }
  return out;
}

/**
 * A strict tool's schema in the subset Anthropic's grammar-constrained mode accepts: every object
 * closed (`additionalProperties: false`), `oneOf` as `anyOf`, only the supported string formats and
 * `minItems` 0/1 kept, and every other keyword moved into the node's `description` as
 * `{key: value, …}`. Our own rendering of what the official SDK does before it sends a strict tool
 * (its `lib/transform-json-schema.ts`), so requests look the same to the API and its caches.
 * Recursion is bounded by the request's JSON depth limit, checked before conversion.
 */
export function toAnthropicStrictSchema(schema: JsonObject): JsonObject {
  const converted = strictNode(schema);
  return isJsonObject(converted) ? converted : schema;
}
