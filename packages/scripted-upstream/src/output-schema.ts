import { isRecord, ownValue } from './json-value.js';

type Found = { outputSchema: unknown } | Record<string, never>;

/** The schema a `json_object` request stands for: any object; this double answers `{"answer": …}`. */
const JSON_OBJECT_SCHEMA = {
  type: 'object',
  properties: { answer: { type: 'string' } },
  required: ['answer'],
  additionalProperties: false,
};

/**
 * The JSON Schema of an OpenAI structured-output request: Chat `response_format`
 * (`{type: "json_schema", json_schema: {schema}}`) or Responses `text.format`
 * (`{type: "json_schema", schema}`); `json_object` stands for any object.
 */
export function outputSchemaOf(format: unknown, api: 'chat' | 'responses'): Found {
  if (!isRecord(format)) return {};
  const type = ownValue(format, 'type');
  if (type === 'json_object') return { outputSchema: JSON_OBJECT_SCHEMA };
  if (type !== 'json_schema') return {};
  const holder = api === 'chat' ? ownValue(format, 'json_schema') : format;
  return isRecord(holder) ? { outputSchema: ownValue(holder, 'schema') ?? {} } : {};
}

/** Anthropic's `output_config: {format: {type: "json_schema", schema}}`. */
export function anthropicOutputSchema(outputConfig: unknown): Found {
  const format = isRecord(outputConfig) ? ownValue(outputConfig, 'format') : undefined;
  if (!isRecord(format) || ownValue(format, 'type') !== 'json_schema') return {};
  return { outputSchema: ownValue(format, 'schema') ?? {} };
}

/** Gemini's `generationConfig`: `responseJsonSchema` (or the older `responseSchema`), or JSON alone. */
export function geminiOutputSchema(config: unknown): Found {
  if (!isRecord(config)) return {};
  const schema = ownValue(config, 'responseJsonSchema') ?? ownValue(config, 'responseSchema');
  if (schema !== undefined) return { outputSchema: schema };
  return ownValue(config, 'responseMimeType') === 'application/json'
    ? { outputSchema: JSON_OBJECT_SCHEMA }
    : {};
}
