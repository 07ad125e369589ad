/**
 * Where the `openai` SDK's types and OpenAI's published OpenAPI document (openai/openai-openapi,
 * read at commit f85dbe2) disagree, the generated schemas are adjusted here — and only here, by
 * definition name, each with its reason. Everything else comes from the generator untouched.
 */
import type { Schema } from 'ts-json-schema-generator';

/** Fields the SDK types require that the API never sends: the SDK computes them on the client. */
const SDK_ONLY_REQUIRED: Record<string, string[]> = {
  // `response.output_text` is a convenience the SDK builds from `output` after parsing.
  Response: ['output_text'],
};

/** Fields the OpenAPI document requires although the SDK types leave them optional. */
const OPENAPI_REQUIRED: Record<string, string[]> = {
  // OpenAPI `OutputTextContent.required` lists `logprobs`.
  ResponseOutputText: ['logprobs'],
};

/**
 * Fields the API sends that the SDK's types leave out, with their schema. A closed object
 * (`additionalProperties: false`) would otherwise reject them.
 */
const API_FIELDS: Record<string, Record<string, object>> = {
  Response: {
    // In OpenAI's own documented Response examples ("store": true), not in the SDK type.
    store: { type: 'boolean' },
    // OpenAPI `ResponseProperties.max_tool_calls`.
    max_tool_calls: { anyOf: [{ type: 'integer' }, { type: 'null' }] },
    // Required by the Open Responses specification (docs/open-responses.md).
    presence_penalty: { type: 'number' },
    frequency_penalty: { type: 'number' },
  },
  // OpenAI's streams nest the error (`"error": {type, code, message, param}`) where the published
  // schema has only the flat fields; the gateway sends both (docs/protocol/responses.md#endings).
  ResponseErrorEvent: {
    error: {
      type: 'object',
      required: ['type', 'code', 'message', 'param'],
      properties: {
        type: { type: 'string' },
        code: { anyOf: [{ type: 'string' }, { type: 'null' }] },
        message: { type: 'string' },
        param: { anyOf: [{ type: 'string' }, { type: 'null' }] },
      },
      additionalProperties: false,
    },
  },
};

/**
 * Fields that the API's documented examples send as `null` where the SDK types say "absent or a
 * value": the `response.created` example in OpenAI's streaming reference has `"usage": null` and
 * `"user": null`.
 */
const API_NULLABLE: Record<string, string[]> = {
  Response: ['usage', 'user'],
};

type Definition = { required?: string[]; properties?: Record<string, unknown> };

function definitionsOf(schema: Schema): Record<string, Definition> {
  return (schema.definitions ?? {}) as Record<string, Definition>;
}

/** Applies the adjustments above to one generated schema (mutates and returns it). */
export function tighten(schema: Schema): Schema {
  const definitions = definitionsOf(schema);
  for (const [name, fields] of Object.entries(SDK_ONLY_REQUIRED)) {
    const definition = definitions[name];
    if (definition?.required)
      definition.required = definition.required.filter((key) => !fields.includes(key));
  }
  for (const [name, fields] of Object.entries(OPENAPI_REQUIRED)) {
    const definition = definitions[name];
    if (definition === undefined) continue;
    definition.required = [...new Set([...(definition.required ?? []), ...fields])];
  }
  for (const [name, fields] of Object.entries(API_FIELDS)) {
    const definition = definitions[name];
    if (definition === undefined) continue;
    definition.properties = { ...fields, ...definition.properties };
  }
  for (const [name, fields] of Object.entries(API_NULLABLE)) {
    const properties = definitions[name]?.properties;
    if (properties === undefined) continue;
    for (const field of fields) {
      const current = properties[field];
      if (current !== undefined) properties[field] = { anyOf: [current, { type: 'null' }] };
    }
  }
  return schema;
}
