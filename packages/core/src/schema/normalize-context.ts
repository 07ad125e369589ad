import type { JsonObject } from '../items/canonical.js';
import { type SchemaPath, toJsonPointer } from './schema-path.js';
import { type StrictSchemaIssue, strictSchemaIssue } from './strict-schema-issue.js';

/** One rewrite `normalizeStrictSchema` made, explained for people (`toolbridge check-schema --fix`). */
export interface SchemaChange {
  /** RFC 6901 pointer to the rewritten schema in the result; `''` is the root. */
  pointer: string;
  description: string;
}

/** State of one normalization run, shared by its step functions. */
export interface NormalizeContext {
  /** The input document: refs resolve against it, never against the half-built result. */
  readonly root: JsonObject;
  readonly changes: SchemaChange[];
  /** Refusals: places that cannot be made strict without changing what the schema accepts. */
  readonly issues: StrictSchemaIssue[];
  /** `$ref`s being inlined on the current path, so a recursive one is refused instead of expanded forever. */
  readonly inlining: Set<string>;
}

/** Records a change at `path`. */
export function recordChange(context: NormalizeContext, path: SchemaPath, description: string): void {
  context.changes.push({ pointer: toJsonPointer(path), description });
}

/** Records a refusal at `path`. */
export function refuse(context: NormalizeContext, path: SchemaPath, code: string, reason: string): void {
  context.issues.push(strictSchemaIssue(path, code, reason));
}

/** A value's JSON text cut to a readable length, for change descriptions. */
export function shortJson(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
