import {
  type CanonicalTool,
  type ChatFunctionTool,
  canonicalToolToChat,
  canonicalToolToResponses,
  chatToolToCanonical,
  isJsonObject,
  type ResponsesFunctionTool,
  responsesToolToCanonical,
} from '@toolbridge/core';
import { CliError } from './cli-error.js';

/** What a file holds: a bare JSON Schema, or tools in the Chat (nested) or Responses (flat) shape. */
export type ToolEntry =
  | { shape: 'schema'; schema: Record<string, unknown> }
  | { shape: 'chat' | 'responses'; tool: CanonicalTool };

/** Recognises one entry; the error says which shapes are accepted. */
export function readToolEntry(value: unknown, where: string): ToolEntry {
  if (!isJsonObject(value)) throw new CliError(`${where} is not a JSON object.`, { exitCode: 2 });
  if (value['type'] === 'function' && isJsonObject(value['function'])) {
    if (typeof value['function']['name'] !== 'string')
      throw new CliError(`${where}.function.name is missing.`, { exitCode: 2 });
    return { shape: 'chat', tool: chatToolToCanonical(value as unknown as ChatFunctionTool) };
  }
  if (value['type'] === 'function' && typeof value['name'] === 'string') {
    return { shape: 'responses', tool: responsesToolToCanonical(value as unknown as ResponsesFunctionTool) };
  }
  if (value['type'] === 'object' || 'properties' in value || '$defs' in value || 'anyOf' in value) {
    return { shape: 'schema', schema: value };
  }
  throw new CliError(
    `${where} is neither a tool nor a JSON Schema. Expected {"type":"function","function":{"name":…}} (Chat), {"type":"function","name":…} (Responses) or a schema {"type":"object",…}.`,
    { exitCode: 2 },
  );
}

/** Renders a tool in the requested wire shape. */
export function writeTool(
  tool: CanonicalTool,
  shape: 'chat' | 'responses',
): ChatFunctionTool | ResponsesFunctionTool {
  return shape === 'chat' ? canonicalToolToChat(tool) : canonicalToolToResponses(tool);
}
