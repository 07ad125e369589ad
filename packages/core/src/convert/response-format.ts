import type { CanonicalResponseFormat, JsonObject } from '../items/canonical.js';

function isRecord(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Chat `response_format` → canonical; `undefined` when absent or unrecognised. */
export function chatResponseFormatToCanonical(format: unknown): CanonicalResponseFormat | undefined {
  if (!isRecord(format)) return undefined;
  if (format['type'] === 'text' || format['type'] === 'json_object') return { type: format['type'] };
  if (format['type'] === 'json_schema' && isRecord(format['json_schema'])) {
    const spec = format['json_schema'];
    return {
      type: 'json_schema',
      name: String(spec['name'] ?? 'response'),
      schema: isRecord(spec['schema']) ? spec['schema'] : {},
      ...(typeof spec['strict'] === 'boolean' || spec['strict'] === null ? { strict: spec['strict'] } : {}),
      ...(typeof spec['description'] === 'string' ? { description: spec['description'] } : {}),
    };
  }
  return undefined;
}

/** Canonical → Chat `response_format`. */
export function canonicalResponseFormatToChat(format: CanonicalResponseFormat): JsonObject {
  if (format.type !== 'json_schema') return { type: format.type };
  const { type, ...jsonSchema } = format;
  return { type, json_schema: jsonSchema };
}

/** Responses `text.format` → canonical. */
export function responsesTextFormatToCanonical(format: unknown): CanonicalResponseFormat | undefined {
  if (!isRecord(format)) return undefined;
  if (format['type'] === 'text' || format['type'] === 'json_object') return { type: format['type'] };
  if (format['type'] === 'json_schema') {
    return {
      type: 'json_schema',
      name: String(format['name'] ?? 'response'),
      schema: isRecord(format['schema']) ? format['schema'] : {},
      ...(typeof format['strict'] === 'boolean' || format['strict'] === null
        ? { strict: format['strict'] }
        : {}),
      ...(typeof format['description'] === 'string' ? { description: format['description'] } : {}),
    };
  }
  return undefined;
}

/** Canonical → Responses `text.format` (flat json_schema shape). */
export function canonicalResponseFormatToResponses(format: CanonicalResponseFormat): JsonObject {
  return { ...format };
}
