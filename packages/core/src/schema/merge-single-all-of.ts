import type { JsonObject } from '../items/canonical.js';
import { getOwn, isJsonObject } from '../json/get-own.js';
import { mergeSchemas } from './merge-schemas.js';
import { type NormalizeContext, recordChange, refuse } from './normalize-context.js';
import { pythonRepr, type SchemaPath } from './schema-path.js';

/**
 * Folds a one-entry `allOf` into its parent, as both SDK transforms do
 * (docs/protocol/strict-mode.md#what-the-sdks-send); the parent's annotations win. Returns undefined after
 * recording a refusal when the `allOf` has several entries or the entry and the parent constrain the same
 * keyword differently (merging would change meaning).
 */
export function mergeSingleAllOf(
  context: NormalizeContext,
  schema: JsonObject,
  path: SchemaPath,
): JsonObject | undefined {
  const allOf = getOwn(schema, 'allOf');
  const entry = Array.isArray(allOf) && allOf.length === 1 ? allOf[0] : undefined;
  if (!isJsonObject(entry)) {
    const count = Array.isArray(allOf) ? `${allOf.length} entries` : 'a value that is not a list of schemas';
    refuse(
      context,
      path,
      'all_of',
      `'allOf' is not permitted, and an 'allOf' with ${count} cannot be merged into one schema without changing its meaning`,
    );
    return undefined;
  }
  const parent: JsonObject = { ...schema };
  delete parent['allOf'];
  const merged = mergeSchemas(entry, parent);
  if (!merged.ok) {
    refuse(
      context,
      path,
      'merge_conflict',
      `the 'allOf' entry and its parent both set ${pythonRepr(merged.conflict)} differently; merging them would change what the schema accepts`,
    );
    return undefined;
  }
  recordChange(context, path, "merged the single 'allOf' entry into this schema");
  return merged.schema;
}
