import type { JsonObject } from '../../items/canonical.js';

/** Root keywords Gemini's JSON-Schema field does not take: document metadata, never constraints. */
const ROOT_METADATA = ['$schema', '$id', '$comment'];

/**
 * A tool's `parameters` as Gemini's `parametersJsonSchema`: the schema unchanged except for the
 * root's `$schema`/`$id`/`$comment`. A tool without parameters declares an empty object schema (a
 * declaration without one is kept, never dropped). What Gemini does not enforce is checked by the
 * gateway for strict tools (docs/protocol/gemini.md, "Schemas"). `parameters` is never set next to
 * it: the two are mutually exclusive (`@google/genai` 3.1.0 `dist/genai.d.ts`,
 * `FunctionDeclaration.parametersJsonSchema`). Which keywords Gemini enforces is unconfirmed; we send
 * the client's schema as is rather than guess.
 */
export function toGeminiJsonSchema(parameters: JsonObject | undefined): JsonObject {
  if (parameters === undefined) return { type: 'object', properties: {} };
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(parameters)) if (!ROOT_METADATA.includes(key)) out[key] = value;
  return out;
}
