import type { CanonicalRequest, CanonicalTool, JsonObject } from '../../items/canonical.js';
import type { AnthropicTool, AnthropicToolChoice } from '../../protocol/anthropic/types.js';
import { toAnthropicStrictSchema } from './anthropic-strict-schema.js';

/**
 * A tool's input schema as Anthropic wants it: an object schema, `properties` never null. Reading
 * picked for non-strict tools: the schema passes unchanged. Whether Anthropic refuses keywords such as
 * `maxItems` on non-strict tools is not documented, and the SDK sends a tool's `input_schema` as given
 * (its `lib/transform-json-schema.ts` runs only in the schema helpers, e.g. `helpers/json-schema.ts`).
 */
function inputSchema(tool: CanonicalTool): JsonObject {
  const parameters = tool.parameters ?? { type: 'object', properties: {} };
  const schema = tool.strict === true ? toAnthropicStrictSchema(parameters) : { ...parameters };
  if (schema['type'] === 'object' && (schema['properties'] === undefined || schema['properties'] === null))
    schema['properties'] = {};
  return schema;
}

/** One canonical function tool → Anthropic's flat tool (docs/protocol/anthropic.md §2). */
export function toAnthropicTool(tool: CanonicalTool): AnthropicTool {
  return {
    name: tool.name,
    ...(tool.description !== undefined && tool.description !== '' ? { description: tool.description } : {}),
    input_schema: inputSchema(tool),
    ...(tool.strict === true ? { strict: true } : {}),
  };
}

/** The tools and `tool_choice` of one request, and what had to change for them. */
export interface AnthropicToolPlan {
  tools: AnthropicTool[];
  toolChoice: AnthropicToolChoice | undefined;
  /** The request forces a call (`any` / `tool`): Anthropic then refuses extended thinking. */
  forcesCall: boolean;
  adjustments: string[];
}

/**
 * `tools` + `tool_choice` + `parallel_tool_calls` → Anthropic (docs/protocol/anthropic.md §3):
 * auto → auto, required → any, none → none (tools still sent), a named function → tool,
 * `allowed_tools` → only those tools with auto/any, `parallel_tool_calls: false` →
 * `disable_parallel_tool_use` (on `auto` when no choice was given). When the history holds tool
 * calls but the request offers no tools, Anthropic would refuse it: the tools the history names are
 * declared with an open schema and `tool_choice: none`, which is what the request means.
 */
export function planAnthropicTools(
  request: CanonicalRequest,
  historyToolNames: readonly string[],
): AnthropicToolPlan {
  const adjustments: string[] = [];
  let tools = request.tools;
  let choice = request.toolChoice;
  if (choice?.type === 'allowed_tools') {
    // Reading picked: whether the tools the history calls must stay declared is not documented (the
    // SDK's `Tool` and `tool_choice` docs are silent); narrowing `tools` is the only way to restrict
    // calls, so only the allowed tools are sent.
    const allowed = new Set(choice.names);
    const kept = tools.filter((tool) => allowed.has(tool.name));
    if (kept.length > 0) tools = kept;
    adjustments.push(`allowed_tools emulated: sent ${tools.length} of ${request.tools.length} tools`);
    choice = choice.mode === 'required' ? { type: 'required' } : { type: 'auto' };
  }
  if (tools.length === 0) {
    if (historyToolNames.length === 0)
      return { tools: [], toolChoice: undefined, forcesCall: false, adjustments };
    adjustments.push(
      `the history has tool calls but no tools were sent: declared ${historyToolNames.join(', ')} with an open schema and tool_choice "none"`,
    );
    const stubs = historyToolNames.map((name) => ({
      name,
      input_schema: { type: 'object', properties: {} },
    }));
    return { tools: stubs, toolChoice: { type: 'none' }, forcesCall: false, adjustments };
  }
  const single = request.parallelToolCalls === false ? { disable_parallel_tool_use: true } : {};
  let toolChoice: AnthropicToolChoice | undefined;
  switch (choice?.type) {
    case undefined:
      toolChoice = request.parallelToolCalls === false ? { type: 'auto', ...single } : undefined;
      break;
    case 'auto':
      toolChoice = { type: 'auto', ...single };
      break;
    case 'required':
      toolChoice = { type: 'any', ...single };
      break;
    case 'none':
      toolChoice = { type: 'none' };
      break;
    case 'function':
      toolChoice = { type: 'tool', name: choice.name, ...single };
      break;
  }
  const forcesCall = toolChoice?.type === 'any' || toolChoice?.type === 'tool';
  return { tools: tools.map(toAnthropicTool), toolChoice, forcesCall, adjustments };
}
