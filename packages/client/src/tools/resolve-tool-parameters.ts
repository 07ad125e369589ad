import { isJsonObject, type JsonObject, normalizeStrictSchema } from '@toolbridge/core';
import { z } from 'zod';
import { ToolbridgeClientError } from '../errors/toolbridge-client-error.js';
import { isZodSchema, type ZodSchema } from './is-zod-schema.js';

/** The schemas of one tool, as `defineTool` derives them. */
export interface ToolParameters {
  /** Sent to the model; the strict form when the tool is strict. */
  schema: JsonObject;
  /** Before strict normalization: tells which properties were optional (see `stripOptionalNulls`). */
  original: JsonObject;
  /** The zod schema the arguments are parsed with at the end, for zod tools. */
  zod: ZodSchema | undefined;
}

function refuse(toolName: string, message: string, cause: unknown): ToolbridgeClientError {
  return new ToolbridgeClientError({ code: 'invalid_tool_definition', message, cause, toolName });
}

function zodToJsonSchema(toolName: string, schema: ZodSchema): JsonObject {
  try {
    // `io: 'input'` describes what the model must send, before zod's transforms and defaults.
    const jsonSchema: JsonObject = { ...z.toJSONSchema(schema, { io: 'input' }) };
    // The dialect marker means nothing to the model and only costs tokens.
    delete jsonSchema['$schema'];
    return jsonSchema;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw refuse(toolName, `Tool ${toolName}: the zod schema has no JSON Schema form (${reason}).`, error);
  }
}

function toStrict(toolName: string, schema: JsonObject): JsonObject {
  const result = normalizeStrictSchema(schema);
  if (result.ok) return result.schema;
  const list = result.issues.map((issue) => `  ${issue.pointer || '/'}: ${issue.reason}`).join('\n');
  throw new ToolbridgeClientError({
    code: 'invalid_tool_definition',
    message: `Tool ${toolName} is strict, but its parameters cannot be made strict:\n${list}\nFix these places or set strict: false.`,
    cause: undefined,
    toolName,
    issues: result.issues.map(({ pointer, reason }) => ({ pointer, reason })),
  });
}

/**
 * Derives a tool's schemas: zod schemas become JSON Schema (`z.toJSONSchema`), the root must be an object
 * (docs/protocol/tools.md#parameters), and a strict tool's schema is normalized by core or refused with every
 * issue's JSON pointer and reason (docs/protocol/strict-mode.md).
 */
export function resolveToolParameters({
  toolName,
  parameters,
  strict,
}: {
  toolName: string;
  parameters: JsonObject | ZodSchema;
  strict: boolean;
}): ToolParameters {
  const zod = isZodSchema(parameters) ? parameters : undefined;
  const original = zod === undefined ? parameters : zodToJsonSchema(toolName, zod);
  if (!isJsonObject(original) || (original['type'] !== 'object' && !strict)) {
    const type = isJsonObject(original) ? JSON.stringify(original['type'] ?? null) : typeof original;
    throw refuse(
      toolName,
      `Tool ${toolName}: parameters must be a JSON Schema of type "object" (got type ${type}); wrap the value in an object property.`,
      undefined,
    );
  }
  return { schema: strict ? toStrict(toolName, original) : original, original, zod };
}
