import type { CanonicalTool } from '../items/canonical.js';
import { memoByShared } from '../json/frozen.js';
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

/*
 * Whole tool lists. A list shared by the gateway's tool-set cache converts once per set
 * (`memoByShared`); any other list converts on every call.
 */

/** Chat tools → canonical. */
export const chatToolsToCanonical = memoByShared((tools: readonly ChatFunctionTool[]): CanonicalTool[] =>
  tools.map(chatToolToCanonical),
);

/** Responses tools → canonical. */
export const responsesToolsToCanonical = memoByShared(
  (tools: readonly ResponsesFunctionTool[]): CanonicalTool[] => tools.map(responsesToolToCanonical),
);

/** Canonical tools → Chat. */
export const canonicalToolsToChat = memoByShared((tools: readonly CanonicalTool[]): ChatFunctionTool[] =>
  tools.map(canonicalToolToChat),
);
