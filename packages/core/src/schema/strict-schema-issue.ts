import { type SchemaPath, toJsonPointer, toPythonTuple } from './schema-path.js';

/**
 * One broken strict-mode rule (docs/protocol/strict-mode.md). `reason` is OpenAI's exact wording where it is
 * known (docs/protocol/errors.md#strict-schema-reasons), so `strictSchemaErrorMessage` can rebuild the
 * E11/E12 message byte for byte.
 */
export interface StrictSchemaIssue {
  /** Our stable machine code, e.g. `additional_properties`, `required_missing`, `keyword_not_permitted`. */
  code: string;
  /** RFC 6901 JSON pointer to the schema that breaks the rule; `''` is the root. */
  pointer: string;
  /** The same location as OpenAI renders it: `()`, `('properties', 'location')`. */
  context: string;
  /** What is wrong, without a final period: `'additionalProperties' is required to be supplied and to be false`. */
  reason: string;
}

/** Builds an issue for the schema at `path`, rendering both the pointer and OpenAI's context. */
export function strictSchemaIssue(path: SchemaPath, code: string, reason: string): StrictSchemaIssue {
  return { code, pointer: toJsonPointer(path), context: toPythonTuple(path), reason };
}
