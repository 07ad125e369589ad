import type { JsonObject } from '../items/canonical.js';
import { defineOwn } from './define-own.js';
import { stableStringify } from './stable-stringify.js';

/** Keywords that describe but never constrain; when both sides set one, the overlay's wins. */
const annotationKeywords: ReadonlySet<string> = new Set([
  'title',
  'description',
  '$comment',
  'examples',
  'default',
  'readOnly',
  'writeOnly',
  '$schema',
  '$id',
]);

/** The merged schema, or the keyword both sides constrain differently. */
export type MergeResult = { ok: true; schema: JsonObject } | { ok: false; conflict: string };

/**
 * Merges `overlay` into `base` (a `$ref` target and its siblings, an `allOf` entry and its parent).
 * Both apply to the value, so merging is exact only when no validating keyword is set differently
 * on both sides; such a conflict is returned instead of silently picking one.
 */
export function mergeSchemas(base: JsonObject, overlay: JsonObject): MergeResult {
  const merged: JsonObject = { ...base };
  for (const [key, value] of Object.entries(overlay)) {
    if (
      Object.hasOwn(merged, key) &&
      !annotationKeywords.has(key) &&
      stableStringify(merged[key]) !== stableStringify(value)
    ) {
      return { ok: false, conflict: key };
    }
    defineOwn(merged, key, value);
  }
  return { ok: true, schema: merged };
}
