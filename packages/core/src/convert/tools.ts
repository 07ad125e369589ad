import type { CanonicalTool } from '../items/canonical.js';
import type { ChatFunctionTool } from '../protocol/chat/types.js';
import type { ResponsesFunctionTool } from '../protocol/responses/types.js';

/** Nested Chat tool → canonical. An omitted `strict` stays `null`: the route's policy resolves it. */
export function chatToolToCanonical(tool: ChatFunctionTool): CanonicalTool {
  const fn = tool.function;
  const out: CanonicalTool = { name: fn.name, strict: fn.strict ?? null };
  if (fn.description !== undefined) out.description = fn.description;
  if (fn.parameters !== undefined) out.parameters = fn.parameters;
  return out;
}

/** Canonical → nested Chat tool (docs/protocol/tools.md#chat-completions-nested-tools). */
export function canonicalToolToChat(tool: CanonicalTool): ChatFunctionTool {
  return {
    type: 'function',
    function: {
      name: tool.name,
      ...(tool.description !== undefined ? { description: tool.description } : {}),
      ...(tool.parameters !== undefined ? { parameters: tool.parameters } : {}),
      ...(tool.strict !== null ? { strict: tool.strict } : {}),
    },
  };
}

/** Flat Responses tool → canonical. `null` description/parameters count as absent. */
export function responsesToolToCanonical(tool: ResponsesFunctionTool): CanonicalTool {
  const out: CanonicalTool = { name: tool.name, strict: tool.strict ?? null };
  if (typeof tool.description === 'string') out.description = tool.description;
  if (tool.parameters !== undefined && tool.parameters !== null) out.parameters = tool.parameters;
  return out;
}

/** Canonical → flat Responses tool (docs/protocol/tools.md#responses-flat-tools). */
export function canonicalToolToResponses(tool: CanonicalTool): ResponsesFunctionTool {
  return {
    type: 'function',
    name: tool.name,
    ...(tool.description !== undefined ? { description: tool.description } : {}),
    ...(tool.parameters !== undefined ? { parameters: tool.parameters } : {}),
    ...(tool.strict !== null ? { strict: tool.strict } : {}),
  };
}
