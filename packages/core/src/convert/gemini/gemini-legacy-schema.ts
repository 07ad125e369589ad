import { coreDefaults } from '../../defaults.js';
import { CoreError } from '../../errors/core-error.js';
import type { JsonObject } from '../../items/canonical.js';
import { isJsonObject } from '../../json/get-own.js';
import { withFields } from '../../json/with-fields.js';

/** Keywords the OpenAPI-subset `Schema` accepts; anything else is "Unknown name" → 400 upstream. */
const KEPT = new Set([
  'format',
  'title',
  'description',
  'nullable',
  'minItems',
  'maxItems',
  'minLength',
  'maxLength',
  'pattern',
  'minimum',
  'maximum',
  'minProperties',
  'maxProperties',
  'propertyOrdering',
  'default',
  'example',
]);
/** Dropped without a trace: metadata or what the subset's shape already says. */
const SILENT = new Set(['$schema', '$id', '$comment', 'additionalProperties', '$defs', 'definitions']);
/** Keywords converted structurally below (not copied, not noted). */
const STRUCTURAL = new Set([
  'type',
  'enum',
  'const',
  'anyOf',
  'oneOf',
  'allOf',
  'items',
  'properties',
  'required',
]);

interface Walk {
  root: JsonObject;
  depth: number;
}

function resolveRef(ref: string, root: JsonObject): JsonObject | undefined {
  const match = /^#\/(\$defs|definitions)\/([^/]+)$/.exec(ref);
  if (ref === '#') return root;
  if (match === null) return undefined;
  const table = root[match[1] ?? ''];
  const name = decodeURIComponent(match[2] ?? '')
    .replace(/~1/g, '/')
    .replace(/~0/g, '~');
  const found = isJsonObject(table) && Object.hasOwn(table, name) ? table[name] : undefined;
  return isJsonObject(found) ? found : undefined;
}

function withNote(out: JsonObject, note: string): void {
  const description = typeof out['description'] === 'string' ? `${out['description']} ` : '';
  out['description'] = `${description}${note}`;
}

function upperType(type: unknown): string | undefined {
  return typeof type === 'string' ? type.toUpperCase() : undefined;
}

function convertNode(node: unknown, walk: Walk): JsonObject {
  if (!isJsonObject(node)) return {};
  const ref = node['$ref'];
  if (typeof ref === 'string') {
    const target = resolveRef(ref, walk.root);
    if (target === undefined || walk.depth >= coreDefaults.geminiLegacyRefDepth) {
      return { type: 'OBJECT', description: `(recursive or unresolved reference ${ref} not expanded)` };
    }
    return convertNode(target, withFields(walk, { depth: walk.depth + 1 }));
  }
  const out: JsonObject = {};
  const notes: string[] = [];
  for (const [key, value] of Object.entries(node)) {
    if (KEPT.has(key)) out[key] = value;
    else if (!SILENT.has(key) && !STRUCTURAL.has(key)) notes.push(`${key}: ${JSON.stringify(value)}`);
  }
  applyType(node, out, walk);
  if (Array.isArray(node['enum'])) out['enum'] = node['enum'].map((value) => String(value));
  if (Object.hasOwn(node, 'const')) out['enum'] = [String(node['const'])];
  if ((Array.isArray(node['enum']) || Object.hasOwn(node, 'const')) && out['type'] === undefined)
    out['type'] = 'STRING';
  if (isJsonObject(node['items'])) out['items'] = convertNode(node['items'], walk);
  if (isJsonObject(node['properties'])) {
    const properties: JsonObject = {};
    for (const [name, value] of Object.entries(node['properties']))
      properties[name] = convertNode(value, walk);
    out['properties'] = properties;
  }
  if (Array.isArray(node['required'])) out['required'] = node['required'];
  applyComposition(node, out, walk);
  if (notes.length > 0) withNote(out, `{${notes.join(', ')}}`);
  return out;
}

function applyType(node: JsonObject, out: JsonObject, walk: Walk): void {
  const type = node['type'];
  if (!Array.isArray(type)) {
    if (type === 'null')
      throw new CoreError({
        code: 'conversion_failed',
        message: 'A schema of type "null" alone has no Gemini form.',
      });
    const upper = upperType(type);
    if (upper !== undefined) out['type'] = upper;
    return;
  }
  const kinds = type.filter((entry) => entry !== 'null');
  if (kinds.length < type.length) out['nullable'] = true;
  if (kinds.length === 1) out['type'] = upperType(kinds[0]);
  else if (kinds.length > 1) out['anyOf'] = kinds.map((kind) => convertNode({ type: kind }, walk));
}

function applyComposition(node: JsonObject, out: JsonObject, walk: Walk): void {
  const branches = Array.isArray(node['anyOf'])
    ? node['anyOf']
    : Array.isArray(node['oneOf'])
      ? node['oneOf']
      : undefined;
  if (branches !== undefined) {
    const real = branches.filter((branch) => !(isJsonObject(branch) && branch['type'] === 'null'));
    if (real.length < branches.length) out['nullable'] = true;
    const converted = real.map((branch) => convertNode(branch, walk));
    // `type` next to `anyOf` is refused: it moves into each branch.
    const type = out['type'];
    delete out['type'];
    const typed = type === undefined ? converted : converted.map((branch) => ({ type, ...branch }));
    if (typed.length === 1) Object.assign(out, typed[0]);
    else out['anyOf'] = typed;
  }
  if (Array.isArray(node['allOf'])) {
    for (const part of node['allOf']) {
      const converted = convertNode(part, walk);
      const properties = isJsonObject(converted['properties']) ? converted['properties'] : undefined;
      if (properties !== undefined) {
        out['type'] = 'OBJECT';
        out['properties'] = withFields(isJsonObject(out['properties']) ? out['properties'] : {}, properties);
        const required = Array.isArray(converted['required']) ? converted['required'] : [];
        out['required'] = [...(Array.isArray(out['required']) ? out['required'] : []), ...required];
      } else if (Object.keys(converted).some((key) => key !== 'description')) {
        throw new CoreError({
          code: 'conversion_failed',
          message: 'An allOf with non-object parts has no Gemini `parameters` form.',
        });
      }
    }
  }
}

/**
 * A JSON Schema → Gemini's older OpenAPI-3.0-subset `parameters` (used when the upstream cannot take
 * `parametersJsonSchema`, e.g. a `/v1` base URL): upper-case types, `nullable` for null branches and
 * `["T","null"]`, `oneOf` → `anyOf`, `const` and non-string `enum` values → string `enum`, local
 * `$ref`s inlined (8 levels), unsupported keywords dropped and noted in `description`. Throws
 * `CoreError` (`conversion_failed`) for shapes with no subset form (docs/protocol/gemini.md, "Schemas").
 */
export function toGeminiLegacySchema(parameters: JsonObject | undefined): JsonObject {
  if (parameters === undefined) return { type: 'OBJECT', properties: {} };
  return convertNode(parameters, { root: parameters, depth: 0 });
}
