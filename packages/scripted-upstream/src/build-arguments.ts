import { isRecord, type JsonRecord, ownValue } from './json-value.js';
import { SCRIPTED_UPSTREAM_DEFAULTS } from './scripted-upstream-defaults.js';

/** What the argument builder fills free values from. */
export interface ArgumentContext {
  /** Value for free-text string properties: an extracted city, or the whole message. */
  entity: string;
  /** Every entity found, used for arrays of strings. */
  entities: readonly string[];
  /** The user's message without directives, used to pick an enum value it mentions. */
  message: string;
}

interface State {
  root: JsonRecord;
  context: ArgumentContext;
  depth: number;
}

// Fixed sample values for string formats a strict schema may use
// (docs/protocol/strict-mode.md#supported-subset).
const FORMAT_SAMPLES = new Map<string, string>([
  ['date-time', '2026-01-01T00:00:00Z'],
  ['date', '2026-01-01'],
  ['time', '00:00:00Z'],
  ['duration', 'PT1H'],
  ['email', 'user@example.com'],
  ['hostname', 'example.com'],
  ['ipv4', '127.0.0.1'],
  ['ipv6', '::1'],
  ['uuid', '00000000-0000-4000-8000-000000000000'],
  ['uri', 'https://example.com/'],
]);

const MAX_ARRAY_LENGTH = 1000;

function numberAt(schema: JsonRecord, key: string): number | undefined {
  const value = ownValue(schema, key);
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

function resolveRef(root: JsonRecord, ref: string): unknown {
  if (!ref.startsWith('#')) return undefined;
  let node: unknown = root;
  for (const raw of ref.slice(1).split('/').slice(1)) {
    const segment = decodeURIComponent(raw).replaceAll('~1', '/').replaceAll('~0', '~');
    node = isRecord(node) ? ownValue(node, segment) : undefined;
  }
  return node;
}

function isNullSchema(schema: unknown, root: JsonRecord): boolean {
  if (!isRecord(schema)) return false;
  const ref = ownValue(schema, '$ref');
  if (typeof ref === 'string') return isNullSchema(resolveRef(root, ref), root);
  const type = ownValue(schema, 'type');
  return type === 'null' || (Array.isArray(type) && type.length === 1 && type[0] === 'null');
}

function mergeAllOf(schema: JsonRecord, branches: unknown[], root: JsonRecord): JsonRecord {
  const properties: JsonRecord = {};
  let type = ownValue(schema, 'type');
  for (const part of [schema, ...branches]) {
    const resolved =
      isRecord(part) && typeof ownValue(part, '$ref') === 'string'
        ? resolveRef(root, String(ownValue(part, '$ref')))
        : part;
    if (!isRecord(resolved)) continue;
    type ??= ownValue(resolved, 'type');
    const own = ownValue(resolved, 'properties');
    if (isRecord(own))
      for (const key of Object.keys(own))
        Object.defineProperty(properties, key, { value: own[key], enumerable: true });
  }
  return { type: type ?? 'object', properties };
}

// Whole-word match, so enum value "f" is not "mentioned" by every message containing an f. CJK has
// no word boundaries, so there a plain substring counts.
function mentions(message: string, value: string): boolean {
  if (/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u.test(value)) return message.includes(value);
  const escaped = value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(?<![\\p{L}\\p{N}_])${escaped}(?![\\p{L}\\p{N}_])`, 'iu').test(message);
}

function pickEnum(values: unknown[], message: string): unknown {
  const mentioned = values.find(
    (value) => typeof value === 'string' && value !== '' && mentions(message, value),
  );
  return mentioned ?? values[0];
}

function buildString(schema: JsonRecord, state: State): string {
  const format = ownValue(schema, 'format');
  let text = (typeof format === 'string' ? FORMAT_SAMPLES.get(format) : undefined) ?? state.context.entity;
  const minLength = numberAt(schema, 'minLength') ?? 0;
  const maxLength = numberAt(schema, 'maxLength');
  const points = [...text];
  if (maxLength !== undefined && points.length > maxLength)
    text = points.slice(0, Math.max(0, maxLength)).join('');
  if ([...text].length < minLength)
    text += 'x'.repeat(Math.min(minLength, MAX_ARRAY_LENGTH) - [...text].length);
  return text;
}

function buildNumber(schema: JsonRecord, integer: boolean): number {
  const minimum = numberAt(schema, 'minimum');
  const exclusiveMin = numberAt(schema, 'exclusiveMinimum');
  const maximum = numberAt(schema, 'maximum');
  const exclusiveMax = numberAt(schema, 'exclusiveMaximum');
  const bump = integer ? 1 : 0.5;
  let value = 1;
  // The smallest allowed value when there is a lower bound; otherwise 1, kept under any upper bound.
  if (minimum !== undefined) value = ownValue(schema, 'exclusiveMinimum') === true ? minimum + bump : minimum;
  else if (exclusiveMin !== undefined) value = integer ? Math.floor(exclusiveMin) + 1 : exclusiveMin + bump;
  else if (maximum !== undefined && value > maximum) value = maximum;
  else if (exclusiveMax !== undefined && value >= exclusiveMax) {
    value = integer ? Math.ceil(exclusiveMax) - 1 : exclusiveMax - bump;
  }
  const multipleOf = numberAt(schema, 'multipleOf');
  if (multipleOf !== undefined && multipleOf > 0) value = Math.ceil(value / multipleOf) * multipleOf;
  return integer ? Math.ceil(value) : value;
}

function isPlainString(schema: unknown): boolean {
  if (!isRecord(schema)) return false;
  const type = ownValue(schema, 'type');
  return (
    type === 'string' &&
    ownValue(schema, 'enum') === undefined &&
    ownValue(schema, 'format') === undefined &&
    ownValue(schema, 'const') === undefined
  );
}

function buildArray(schema: JsonRecord, state: State): unknown[] {
  const maxItems = Math.min(numberAt(schema, 'maxItems') ?? MAX_ARRAY_LENGTH, MAX_ARRAY_LENGTH);
  const minItems = Math.min(numberAt(schema, 'minItems') ?? 0, maxItems);
  const next = { ...state, depth: state.depth + 1 };
  const prefix = ownValue(schema, 'prefixItems');
  if (Array.isArray(prefix)) return prefix.slice(0, maxItems).map((item) => buildValue(item, next));
  const items = ownValue(schema, 'items');
  const { entities } = state.context;
  if (isPlainString(items) && entities.length > 1) {
    const list = entities.slice(0, maxItems);
    while (list.length < minItems) list.push(list[list.length - 1] ?? '');
    return list;
  }
  const wanted =
    state.depth < SCRIPTED_UPSTREAM_DEFAULTS.arrayElementDepth ? Math.max(minItems, 1) : minItems;
  return Array.from({ length: Math.min(wanted, maxItems) }, () => buildValue(items, next));
}

function buildObject(schema: JsonRecord, state: State): JsonRecord {
  // A null-prototype object, so a property literally named `__proto__` stays an own key.
  const result = Object.create(null) as JsonRecord;
  const properties = ownValue(schema, 'properties');
  if (!isRecord(properties)) return result;
  const next = { ...state, depth: state.depth + 1 };
  for (const key of Object.keys(properties)) result[key] = buildValue(properties[key], next);
  return result;
}

function typeOf(schema: JsonRecord): unknown {
  const type = ownValue(schema, 'type');
  if (Array.isArray(type)) return type.includes('null') ? 'null' : type[0];
  if (type !== undefined) return type;
  if (ownValue(schema, 'properties') !== undefined) return 'object';
  if (ownValue(schema, 'items') !== undefined) return 'array';
  return undefined;
}

function buildValue(schema: unknown, state: State): unknown {
  if (state.depth > SCRIPTED_UPSTREAM_DEFAULTS.maxSchemaDepth || schema === false) return null;
  if (!isRecord(schema)) return state.context.entity;
  const ref = ownValue(schema, '$ref');
  if (typeof ref === 'string')
    return buildValue(resolveRef(state.root, ref) ?? false, { ...state, depth: state.depth + 1 });
  if (Object.hasOwn(schema, 'const')) return schema.const;
  const enumValues = ownValue(schema, 'enum');
  if (Array.isArray(enumValues) && enumValues.length > 0) return pickEnum(enumValues, state.context.message);
  if (ownValue(schema, 'nullable') === true) return null;
  const union = ownValue(schema, 'anyOf') ?? ownValue(schema, 'oneOf');
  if (Array.isArray(union) && union.length > 0) {
    if (union.some((branch) => isNullSchema(branch, state.root))) return null;
    return buildValue(union[0], { ...state, depth: state.depth + 1 });
  }
  const allOf = ownValue(schema, 'allOf');
  if (Array.isArray(allOf) && allOf.length > 0)
    return buildValue(mergeAllOf(schema, allOf, state.root), state);
  switch (typeOf(schema)) {
    case 'null':
      return null;
    case 'string':
      return buildString(schema, state);
    case 'integer':
      return buildNumber(schema, true);
    case 'number':
      return buildNumber(schema, false);
    case 'boolean':
      return false;
    case 'object':
      return buildObject(schema, state);
    case 'array':
      return buildArray(schema, state);
    default:
      return state.context.entity;
  }
}

/**
 * Builds arguments that satisfy a tool's JSON Schema, the way a well-behaved model would: every
 * property present (so strict schemas hold), free strings from the user's message, enums their
 * first (or mentioned) value, numbers the smallest allowed, booleans false, nullable fields null.
 */
export function buildArguments(parameters: unknown, context: ArgumentContext): unknown {
  const root = isRecord(parameters) ? parameters : { type: 'object', properties: {} };
  return buildValue(root, { root, context, depth: 0 });
}

/**
 * Whether a tool's top-level parameters can take one entity per call (a plain string property)
 * and whether they already take a list (an array of strings), which decides parallel splitting.
 */
export function entitySlots(parameters: unknown): { single: boolean; list: boolean } {
  const properties = isRecord(parameters) ? ownValue(parameters, 'properties') : undefined;
  const values = isRecord(properties) ? Object.values(properties) : [];
  const list = values.some(
    (schema) =>
      isRecord(schema) && ownValue(schema, 'type') === 'array' && isPlainString(ownValue(schema, 'items')),
  );
  return { single: values.some(isPlainString), list };
}
