import type { JsonObject } from '../items/canonical.js';
import { mergeSchemas } from './merge-schemas.js';
import { type NormalizeContext, recordChange, refuse } from './normalize-context.js';
import { resolveLocalRef } from './resolve-local-ref.js';
import { pythonRepr, type SchemaPath } from './schema-path.js';
import { definitionKeywords } from './strict-schema-keywords.js';

/**
 * Replaces `{"$ref": r, ...siblings}` with r's target merged with the siblings (siblings win for
 * annotations), as the Python SDK does for refs that carry other keywords
 * (docs/protocol/strict-mode.md#what-the-sdks-send, step 6). The `why` ends the change description. The
 * caller re-normalizes the result with `ref` marked as being inlined. Returns undefined after recording a
 * refusal when the ref is unresolvable, recursive, or conflicts with a sibling.
 */
export function inlineRef(
  context: NormalizeContext,
  schema: JsonObject,
  ref: string,
  path: SchemaPath,
  why: string,
): JsonObject | undefined {
  if (context.inlining.has(ref)) {
    refuse(
      context,
      path,
      'ref_recursive',
      `$ref ${pythonRepr(ref)} has sibling keywords and refers back to a schema being inlined, so inlining it would never end`,
    );
    return undefined;
  }
  const resolution = resolveLocalRef(context.root, ref);
  if (!resolution.ok) {
    refuse(
      context,
      path,
      `ref_${resolution.problem}`,
      `$ref ${pythonRepr(ref)} cannot be inlined: it ${resolution.problem === 'not_local' ? 'is not a local reference' : 'does not resolve to a schema in this document'}`,
    );
    return undefined;
  }
  // Definitions stay where they are: every ref is an absolute pointer, so copies would be dead weight.
  const target: JsonObject = { ...resolution.target };
  for (const keyword of [...definitionKeywords, '$schema', '$id']) delete target[keyword];
  const siblings: JsonObject = { ...schema };
  delete siblings['$ref'];
  const merged = mergeSchemas(target, siblings);
  if (!merged.ok) {
    refuse(
      context,
      path,
      'merge_conflict',
      `$ref ${pythonRepr(ref)} and its sibling keywords both set ${pythonRepr(merged.conflict)} differently; inlining would change what the schema accepts`,
    );
    return undefined;
  }
  recordChange(context, path, `inlined $ref ${pythonRepr(ref)}: ${why}`);
  return merged.schema;
}
