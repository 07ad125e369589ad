import { getOwn, isJsonObject } from '../json/get-own.js';
import { compileLinearPattern } from './linear-pattern.js';
import { maxSchemaNesting } from './schema-nesting-guard.js';

/** A `pattern` (or `patternProperties` key) the linear-time engine cannot run. */
export interface UnsupportedPattern {
  /** JSON Pointer of the keyword inside the schema, e.g. `/properties/code/pattern`. */
  pointer: string;
  pattern: string;
  /** What RE2 refused, in words. */
  reason: string;
}

/** Keywords whose value is one subschema. */
const SINGLE = ['items', 'additionalProperties', 'not', 'if', 'then', 'else', 'contains', 'propertyNames'];
/** Keywords whose value is an array of subschemas. */
const LISTS = ['anyOf', 'oneOf', 'allOf', 'prefixItems', 'items'];
/** Keywords whose value maps names to subschemas. */
const MAPS = ['properties', '$defs', 'definitions', 'dependentSchemas', 'patternProperties'];

function escapePointer(segment: string): string {
  return segment.replaceAll('~', '~0').replaceAll('/', '~1');
}

function checkPattern(pattern: string, pointer: string): UnsupportedPattern | undefined {
  const result = compileLinearPattern(pattern);
  return result.ok ? undefined : { pointer, pattern, reason: result.reason };
}

function walk(node: unknown, pointer: string, nesting: number): UnsupportedPattern | undefined {
  // Deeper schemas are refused elsewhere (strict checks, body depth); here they are simply not walked.
  if (!isJsonObject(node) || nesting > maxSchemaNesting) return undefined;
  const pattern = getOwn(node, 'pattern');
  if (typeof pattern === 'string') {
    const found = checkPattern(pattern, `${pointer}/pattern`);
    if (found) return found;
  }
  const patternProperties = getOwn(node, 'patternProperties');
  if (isJsonObject(patternProperties)) {
    for (const key of Object.keys(patternProperties)) {
      const found = checkPattern(key, `${pointer}/patternProperties/${escapePointer(key)}`);
      if (found) return found;
    }
  }
  for (const keyword of SINGLE) {
    const found = walk(getOwn(node, keyword), `${pointer}/${keyword}`, nesting + 1);
    if (found) return found;
  }
  for (const keyword of LISTS) {
    const list = getOwn(node, keyword);
    if (!Array.isArray(list)) continue;
    for (const [index, entry] of list.entries()) {
      const found = walk(entry, `${pointer}/${keyword}/${index}`, nesting + 1);
      if (found) return found;
    }
  }
  for (const keyword of MAPS) {
    const map = getOwn(node, keyword);
    if (!isJsonObject(map)) continue;
    for (const [name, entry] of Object.entries(map)) {
      const found = walk(entry, `${pointer}/${keyword}/${escapePointer(name)}`, nesting + 1);
      if (found) return found;
    }
  }
  return undefined;
}

/**
 * The first `pattern` in a parameter schema that the linear-time engine (RE2) cannot run, walking only
 * subschema keywords (an `enum` value that happens to hold a `pattern` key is data, not a schema).
 * A gateway refuses such a strict tool before calling the upstream, because its arguments could not be
 * checked (docs/protocol/strict-mode.md#patterns).
 */
export function findUnsupportedPattern(schema: unknown): UnsupportedPattern | undefined {
  return walk(schema, '', 0);
}
