import type { JsonObject } from '../items/canonical.js';
import { getOwn, isJsonObject } from '../json/get-own.js';
import { resolveLocalRef } from './resolve-local-ref.js';
import { pythonRepr } from './schema-path.js';
import { stableStringify } from './stable-stringify.js';

/**
 * Why no value can match two branches of a `oneOf`, or undefined when that cannot be shown. Only then may
 * `oneOf` become `anyOf` without accepting more: the Node SDK does this for zod discriminated unions
 * (docs/protocol/strict-mode.md#what-the-sdks-send). Two proofs are tried: a required discriminator property
 * with a different constant in every branch, and pairwise disjoint `type`s.
 */
export function proveOneOfExclusive(branches: unknown, root: JsonObject): string | undefined {
  if (!Array.isArray(branches) || branches.length === 0) return undefined;
  const resolved: JsonObject[] = [];
  for (const branch of branches) {
    const schema = resolveBranch(branch, root);
    if (schema === undefined) return undefined;
    resolved.push(schema);
  }
  if (resolved.length === 1) return 'it has a single branch';
  const discriminator = findDiscriminator(resolved);
  if (discriminator !== undefined) {
    return `every branch requires a different constant for property ${pythonRepr(discriminator)}`;
  }
  if (haveDisjointTypes(resolved)) return 'its branches accept disjoint types';
  return undefined;
}

function resolveBranch(branch: unknown, root: JsonObject): JsonObject | undefined {
  if (!isJsonObject(branch)) return undefined;
  const ref = getOwn(branch, '$ref');
  if (ref === undefined) return branch;
  if (typeof ref !== 'string') return undefined;
  const resolution = resolveLocalRef(root, ref);
  return resolution.ok ? resolution.target : undefined;
}

/** A property every branch requires and pins to one value (`const` or a one-value `enum`), all values distinct. */
function findDiscriminator(branches: readonly JsonObject[]): string | undefined {
  const [first] = branches;
  const firstProperties = first === undefined ? undefined : getOwn(first, 'properties');
  if (!isJsonObject(firstProperties)) return undefined;
  for (const key of Object.keys(firstProperties)) {
    const values = new Set<string>();
    for (const branch of branches) {
      const value = pinnedValue(branch, key);
      if (value === undefined) break;
      values.add(value);
    }
    if (values.size === branches.length) return key;
  }
  return undefined;
}

/** The serialized constant a branch requires for `key`, if it requires one. */
function pinnedValue(branch: JsonObject, key: string): string | undefined {
  const properties = getOwn(branch, 'properties');
  const required = getOwn(branch, 'required');
  if (!isJsonObject(properties) || !Array.isArray(required) || !required.includes(key)) return undefined;
  const property = getOwn(properties, key);
  if (!isJsonObject(property)) return undefined;
  if (Object.hasOwn(property, 'const')) return stableStringify(property['const']);
  const enumValues = getOwn(property, 'enum');
  return Array.isArray(enumValues) && enumValues.length === 1 ? stableStringify(enumValues[0]) : undefined;
}

/** Every branch declares `type` and no two share one (`integer` overlaps `number`). */
function haveDisjointTypes(branches: readonly JsonObject[]): boolean {
  const seen = new Set<string>();
  for (const branch of branches) {
    const type = getOwn(branch, 'type');
    const names = typeof type === 'string' ? [type] : type;
    if (!Array.isArray(names) || names.length === 0) return false;
    const own = new Set<string>();
    for (const name of names) {
      if (typeof name !== 'string') return false;
      own.add(name === 'integer' ? 'number' : name);
    }
    for (const name of own) {
      if (seen.has(name)) return false;
      seen.add(name);
    }
  }
  return true;
}
