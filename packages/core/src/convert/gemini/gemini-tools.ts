import type { CanonicalTool, CanonicalToolChoice } from '../../items/canonical.js';
import type { GeminiFunctionDeclaration, GeminiToolConfig } from '../../protocol/gemini/types.js';
import { toGeminiFunctionName } from './gemini-function-name.js';
import { toGeminiJsonSchema } from './gemini-json-schema.js';
import { toGeminiLegacySchema } from './gemini-legacy-schema.js';

/** Which declaration field carries the schema: plain JSON Schema (default) or the OpenAPI subset. */
export type GeminiSchemaField = 'parametersJsonSchema' | 'parameters';

/**
 * Canonical function tools → one Gemini `functionDeclarations` list (all functions in one `Tool`
 * object). `strict` has no Gemini form: the gateway validates strict calls itself.
 */
export function toGeminiFunctionDeclarations(
  tools: readonly CanonicalTool[],
  schemaField: GeminiSchemaField,
): GeminiFunctionDeclaration[] {
  return tools.map((tool) => ({
    name: toGeminiFunctionName(tool.name),
    ...(tool.description !== undefined && tool.description !== '' ? { description: tool.description } : {}),
    ...(schemaField === 'parameters'
      ? { parameters: toGeminiLegacySchema(tool.parameters) }
      : { parametersJsonSchema: toGeminiJsonSchema(tool.parameters) }),
  }));
}

/**
 * Reading picked for the unconfirmed modes: `allowedFunctionNames` goes only with ANY or VALIDATED,
 * never AUTO. `@google/genai` 3.1.0 `dist/genai.d.ts` documents `FunctionCallingConfig.
 * allowedFunctionNames` as "Only set when the Mode is ANY" and `FunctionCallingConfigMode.VALIDATED`
 * as "function calls or natural language … If allowed_function_names are set, the predicted function
 * calls will be limited to" them — the one mode that means allowed_tools with `mode: auto`.
 *
 * `tool_choice` → `toolConfig.functionCallingConfig` (docs/protocol/gemini.md, "tool_choice"):
 * auto → AUTO, required → ANY, none → NONE (declarations still sent), a named function → ANY with
 * that one name, allowed_tools required → ANY with the names, allowed_tools auto → VALIDATED with the
 * names (the only mode besides ANY that takes `allowedFunctionNames`). Absent → omitted.
 */
export function toGeminiToolConfig(choice: CanonicalToolChoice | null): GeminiToolConfig | undefined {
  if (choice === null) return undefined;
  switch (choice.type) {
    case 'auto':
      return { functionCallingConfig: { mode: 'AUTO' } };
    case 'required':
      return { functionCallingConfig: { mode: 'ANY' } };
    case 'none':
      return { functionCallingConfig: { mode: 'NONE' } };
    case 'function':
      return {
        functionCallingConfig: { mode: 'ANY', allowedFunctionNames: [toGeminiFunctionName(choice.name)] },
      };
    case 'allowed_tools':
      return {
        functionCallingConfig: {
          mode: choice.mode === 'required' ? 'ANY' : 'VALIDATED',
          allowedFunctionNames: choice.names.map(toGeminiFunctionName),
        },
      };
  }
}
