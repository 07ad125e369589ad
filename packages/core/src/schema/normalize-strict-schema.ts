import { coreDefaults } from '../defaults.js';
import type { JsonObject } from '../items/canonical.js';
import { getOwn, isJsonObject } from '../json/get-own.js';
import { type CheckStrictSchemaOptions, checkStrictSchema } from './check-strict-schema.js';
import { inlineRef } from './inline-ref.js';
import { LruCache } from './lru-cache.js';
import { mergeSingleAllOf } from './merge-single-all-of.js';
import { type NormalizeContext, recordChange, refuse, type SchemaChange } from './normalize-context.js';
import { normalizeSchemaNode } from './normalize-schema-node.js';
import type { StrictSchemaIssue } from './strict-schema-issue.js';

/** The strict schema and what was rewritten, or why it cannot be made strict without changing its meaning. */
export type NormalizeStrictSchemaResult =
  | { ok: true; schema: JsonObject; changes: SchemaChange[] }
  | { ok: false; issues: StrictSchemaIssue[] };

/** Options of `normalizeStrictSchema`; `limits` applies to the final strict check. */
export type NormalizeStrictSchemaOptions = CheckStrictSchemaOptions;

/** Root `$ref`/`allOf` layers unwrapped before giving up; real converters emit one or two. */
const maxRootUnwraps = 16;

/**
 * Rewrites a JSON Schema into OpenAI strict form (docs/protocol/strict-mode.md#normalization), doing
 * what the SDK transforms do and more: optional properties become required and nullable, objects get
 * `additionalProperties: false`, refs with siblings and one-entry `allOf`s are inlined,
 * `default`s dropped, exclusive `oneOf`s become `anyOf`. Anything it cannot rewrite without
 * changing which values are valid is refused with issues carrying the path. An already strict
 * schema is returned as is (the same object) with no changes; the input is never mutated. Rewrites are
 * cached by schema text: treat a returned schema and its issues as read-only.
 */
export function normalizeStrictSchema(
  schema: unknown,
  options: NormalizeStrictSchemaOptions = {},
): NormalizeStrictSchemaResult {
  // Most schemas arrive strict already, and one walk says so for less than serializing the schema
  // would cost. Only a rewrite is cached by schema text: the gateway normalizes every Responses tool
  // whose `strict` is omitted, on every request, and clients resend the same schemas.
  const before = checkStrictSchema(schema, options);
  if (!isJsonObject(schema)) return { ok: false, issues: before };
  if (before.length === 0) return { ok: true, schema, changes: [] };
  const key = options.limits === undefined ? schemaText(schema) : undefined;
  const cached = key === undefined ? undefined : resultCache.get(key);
  if (cached !== undefined) return cached;
  const result = rewrite(schema, options);
  if (key !== undefined) resultCache.set(key, result);
  return result;
}

function schemaText(schema: JsonObject): string | undefined {
  try {
    return JSON.stringify(schema);
  } catch {
    return undefined;
  }
}

/** Rewrites of non-strict schemas by schema text; shared between callers, so never mutated. */
const resultCache = new LruCache<string, NormalizeStrictSchemaResult>(coreDefaults.validatorCacheSize);

/** The rewrite of a schema the strict check refused. */
function rewrite(schema: JsonObject, options: NormalizeStrictSchemaOptions): NormalizeStrictSchemaResult {
  const context: NormalizeContext = { root: schema, changes: [], issues: [], inlining: new Set() };
  const normalized = normalizeRoot(context, schema);
  if (context.issues.length > 0) return { ok: false, issues: context.issues };
  // Whatever the rewrite does not handle (formats, size limits…) still has to pass.
  const after = checkStrictSchema(normalized, options);
  if (after.length > 0) return { ok: false, issues: after };
  return { ok: true, schema: normalized, changes: context.changes };
}

/**
 * The root must be a plain object schema (docs/protocol/strict-mode.md#requirements, rule 1). A root `$ref`
 * (zod-to-json-schema's `{"$ref": "#/definitions/X", "definitions": …}`) or one-entry `allOf` is unwrapped
 * first; a root with `properties` but no `type` gets `type: "object"`, which changes nothing because function
 * arguments are always a JSON object.
 */
function normalizeRoot(context: NormalizeContext, schema: JsonObject): JsonObject {
  let root: JsonObject = schema;
  for (let unwraps = 0; ; unwraps += 1) {
    if (unwraps > maxRootUnwraps) {
      refuse(
        context,
        [],
        'max_nesting',
        `the root is wrapped in more than ${maxRootUnwraps} '$ref'/'allOf' layers`,
      );
      return root;
    }
    const ref = getOwn(root, '$ref');
    if (typeof ref === 'string') {
      const merged = inlineRef(context, root, ref, [], 'the root must be an object schema, not a reference');
      if (merged === undefined) return root;
      // Kept for the whole run: a ref with siblings back to this target would re-expand the root.
      context.inlining.add(ref);
      root = merged;
    } else if (Object.hasOwn(root, 'allOf')) {
      const merged = mergeSingleAllOf(context, root, []);
      if (merged === undefined) return root;
      root = merged;
    } else {
      break;
    }
  }
  if (getOwn(root, 'anyOf') !== undefined || getOwn(root, 'oneOf') !== undefined) {
    refuse(
      context,
      [],
      'root_any_of',
      'the root schema must be a single object schema, not a union; wrap the union in an object property',
    );
    return root;
  }
  const type = getOwn(root, 'type');
  if (
    type === undefined &&
    ['properties', 'additionalProperties', 'required'].some((key) => Object.hasOwn(root, key))
  ) {
    root = { type: 'object', ...root };
    recordChange(
      context,
      [],
      `added 'type': "object" to the root; function arguments are always a JSON object`,
    );
  } else if (type !== 'object') {
    const shown = type === undefined ? 'null' : JSON.stringify(type);
    refuse(
      context,
      [],
      'root_not_object',
      `schema must be a JSON Schema of 'type: "object"', got 'type: ${shown}'`,
    );
    return root;
  }
  const normalized = normalizeSchemaNode(context, root, [], 0);
  return isJsonObject(normalized) ? normalized : root;
}
