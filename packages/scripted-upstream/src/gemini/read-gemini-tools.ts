import { isRecord, type JsonRecord, ownString, ownValue } from '../json-value.js';
import type { ToolChoiceSpec, ToolSpec } from '../scripted-request.js';
import { SCRIPTED_UPSTREAM_DEFAULTS } from '../scripted-upstream-defaults.js';
import { type GeminiError, invalidArgument } from './gemini-error.js';

const NAME = /^[A-Za-z_][A-Za-z0-9_.:-]{0,127}$/;
/** Keys the OpenAPI-subset `Schema` of the legacy `parameters` field knows. */
const LEGACY_KEYS = new Set([
  'type',
  'format',
  'title',
  'description',
  'nullable',
  'enum',
  'items',
  'minItems',
  'maxItems',
  'minLength',
  'maxLength',
  'pattern',
  'minimum',
  'maximum',
  'properties',
  'required',
  'minProperties',
  'maxProperties',
  'propertyOrdering',
  'anyOf',
  'default',
  'example',
]);
const MODES = new Set(['AUTO', 'ANY', 'NONE', 'VALIDATED']);

function unknownLegacyKey(schema: unknown, path: string): string | null {
  if (!isRecord(schema)) return null;
  for (const [key, value] of Object.entries(schema)) {
    if (!LEGACY_KEYS.has(key))
      return `Invalid JSON payload received. Unknown name "${key}" at '${path}': Cannot find field.`;
    const nested =
      key === 'properties' && isRecord(value)
        ? Object.entries(value).map(([name, child]) =>
            unknownLegacyKey(child, `${path}.properties[${name}].value`),
          )
        : key === 'items'
          ? [unknownLegacyKey(value, `${path}.items`)]
          : key === 'anyOf' && Array.isArray(value)
            ? value.map((child, index) => unknownLegacyKey(child, `${path}.any_of[${index}]`))
            : [];
    const found = nested.find((problem) => problem !== null);
    if (found) return found;
  }
  return null;
}

/** The legacy schema with lower-case types, so the argument builder can read it like JSON Schema. */
function lowerTypes(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(lowerTypes);
  if (!isRecord(schema)) return schema;
  const out: JsonRecord = {};
  for (const [key, value] of Object.entries(schema)) {
    out[key] = key === 'type' && typeof value === 'string' ? value.toLowerCase() : lowerTypes(value);
  }
  return out;
}

/** Reads `tools[].functionDeclarations[]` as Gemini checks them. */
export function readGeminiTools(
  body: JsonRecord,
): { ok: true; value: ToolSpec[] } | { ok: false; error: GeminiError } {
  const tools = ownValue(body, 'tools');
  const out: ToolSpec[] = [];
  for (const [t, tool] of (Array.isArray(tools) ? tools : []).entries()) {
    const declarations = isRecord(tool) ? ownValue(tool, 'functionDeclarations') : undefined;
    for (const [d, declaration] of (Array.isArray(declarations) ? declarations : []).entries()) {
      const where = `tools[${t}].function_declarations[${d}]`;
      if (!isRecord(declaration))
        return { ok: false, error: invalidArgument(`* GenerateContentRequest.${where}: must be an object.`) };
      const name = ownString(declaration, 'name') ?? '';
      if (!NAME.test(name)) {
        const message = `* GenerateContentRequest.${where}.name: Invalid function name. Must start with a letter or an underscore. Must be alphameric (a-z, A-Z, 0-9), underscores (_), dots (.), colons (:) or dashes (-), with a maximum length of 128.\n`;
        return { ok: false, error: invalidArgument(message) };
      }
      const json = ownValue(declaration, 'parametersJsonSchema');
      const legacy = ownValue(declaration, 'parameters');
      if (json !== undefined && legacy !== undefined) {
        return {
          ok: false,
          error: invalidArgument(
            `* GenerateContentRequest.${where}: parameters and parameters_json_schema are mutually exclusive.`,
          ),
        };
      }
      const problem = legacy !== undefined ? unknownLegacyKey(legacy, `${where}.parameters`) : null;
      if (problem !== null) return { ok: false, error: invalidArgument(problem) };
      out.push({
        name,
        description: ownString(declaration, 'description') ?? '',
        parameters: json ?? lowerTypes(legacy) ?? { type: 'object', properties: {} },
        strict: null,
      });
    }
  }
  if (out.length > SCRIPTED_UPSTREAM_DEFAULTS.maxTools * 4) {
    return {
      ok: false,
      error: invalidArgument('* GenerateContentRequest.tools: too many function declarations.'),
    };
  }
  return { ok: true, value: out };
}

/** Reads `toolConfig.functionCallingConfig` into the planner's tool choice. */
export function readGeminiToolConfig(
  body: JsonRecord,
  tools: readonly ToolSpec[],
): { ok: true; value: ToolChoiceSpec } | { ok: false; error: GeminiError } {
  const config = ownValue(body, 'toolConfig');
  const calling = isRecord(config) ? ownValue(config, 'functionCallingConfig') : undefined;
  if (!isRecord(calling)) return { ok: true, value: tools.length > 0 ? { kind: 'auto' } : { kind: 'none' } };
  const mode = ownString(calling, 'mode') ?? 'AUTO';
  if (!MODES.has(mode))
    return {
      ok: false,
      error: invalidArgument(`Invalid value at 'tool_config.function_calling_config.mode' (${mode})`),
    };
  const listed = ownValue(calling, 'allowedFunctionNames');
  const names = Array.isArray(listed)
    ? listed.filter((name): name is string => typeof name === 'string')
    : undefined;
  if (names !== undefined && mode !== 'ANY' && mode !== 'VALIDATED') {
    return {
      ok: false,
      error: invalidArgument('allowed_function_names can only be set when mode is ANY or VALIDATED.'),
    };
  }
  const unknown = names?.find((name) => !tools.some((tool) => tool.name === name));
  if (unknown !== undefined) {
    return {
      ok: false,
      error: invalidArgument(
        `allowed_function_names contains '${unknown}', which is not a declared function.`,
      ),
    };
  }
  if (mode === 'NONE') return { ok: true, value: { kind: 'none' } };
  if (mode === 'ANY')
    return { ok: true, value: names ? { kind: 'allowed', mode: 'required', names } : { kind: 'required' } };
  if (mode === 'VALIDATED' && names) return { ok: true, value: { kind: 'allowed', mode: 'auto', names } };
  return { ok: true, value: { kind: 'auto' } };
}
