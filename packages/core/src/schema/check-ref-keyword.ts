import type { JsonObject } from '../items/canonical.js';
import { resolveLocalRef } from './resolve-local-ref.js';
import { pythonRepr, type SchemaPath } from './schema-path.js';
import { type StrictSchemaIssue, strictSchemaIssue } from './strict-schema-issue.js';
import { definitionKeywords, refAnnotationKeywords } from './strict-schema-keywords.js';

/** The keywords next to a `$ref` that strict mode rejects: all but annotations and definition maps. */
export function refSiblingKeywords(schema: JsonObject): string[] {
  return Object.keys(schema).filter(
    (key) =>
      key !== '$ref' &&
      !refAnnotationKeywords.has(key) &&
      !(definitionKeywords as readonly string[]).includes(key),
  );
}

/**
 * Issues with the `$ref` of `schema`: it may carry annotations only (OBSERVED
 * `$ref cannot have keywords {'default'}`) and must lead to a schema in `root`. The target is
 * resolved, never walked, so recursion cannot loop.
 */
export function checkRefKeyword(
  root: JsonObject,
  schema: JsonObject,
  ref: unknown,
  path: SchemaPath,
): StrictSchemaIssue[] {
  if (typeof ref !== 'string') return [strictSchemaIssue(path, 'invalid_ref', "'$ref' must be a string")];
  const issues: StrictSchemaIssue[] = [];
  const siblings = refSiblingKeywords(schema);
  if (siblings.length > 0) {
    // OpenAI prints a Python set; schema key order stands in for its hash order.
    const names = siblings.map(pythonRepr).join(', ');
    issues.push(strictSchemaIssue(path, 'ref_siblings', `$ref cannot have keywords {${names}}`));
  }
  const resolution = resolveLocalRef(root, ref);
  if (resolution.ok) return issues;
  const reasons = {
    not_local: `$ref ${pythonRepr(ref)} is not a local reference; use '#' or a pointer such as '#/$defs/name'`,
    unresolved: `$ref ${pythonRepr(ref)} does not resolve to a schema in this document`,
    cycle: `$ref ${pythonRepr(ref)} only leads to other references and never reaches a schema`,
  } as const;
  issues.push(strictSchemaIssue(path, `ref_${resolution.problem}`, reasons[resolution.problem]));
  return issues;
}
