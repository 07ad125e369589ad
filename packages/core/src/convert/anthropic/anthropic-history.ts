import type {
  CanonicalFunctionCall,
  CanonicalFunctionCallOutput,
  CanonicalItem,
  JsonObject,
} from '../../items/canonical.js';
import { isJsonObject } from '../../json/get-own.js';
import { safeParseJson } from '../../json/safe-parse-json.js';
import type {
  AnthropicContentBlock,
  AnthropicMessageParam,
  AnthropicTextBlock,
  AnthropicToolResultBlock,
} from '../../protocol/anthropic/types.js';
import { contentBlocks, contentText, textBlock } from './anthropic-content.js';
import { AnthropicToolIds } from './anthropic-tool-ids.js';
import { reasoningToThinkingBlocks } from './thinking-blocks.js';

/** The conversation part of an Anthropic request, built from canonical items. */
export interface AnthropicHistory {
  system: AnthropicTextBlock[];
  messages: AnthropicMessageParam[];
  /** Names of the functions the history calls (Anthropic wants them declared). */
  toolNames: string[];
  adjustments: string[];
}

type Role = AnthropicMessageParam['role'];

function isReasoningBlock(block: AnthropicContentBlock): boolean {
  return block.type === 'thinking' || block.type === 'redacted_thinking';
}

/** `arguments` → `input`: an object, `{}` for empty text, the raw text wrapped otherwise. */
function callInput(call: CanonicalFunctionCall, adjustments: string[]): JsonObject {
  if (call.arguments.trim() === '') return {};
  const parsed = safeParseJson(call.arguments);
  if (parsed.success && isJsonObject(parsed.value)) return parsed.value;
  adjustments.push(
    `the arguments of call '${call.callId}' are not a JSON object: sent as {"_raw_arguments": …}`,
  );
  return { _raw_arguments: call.arguments };
}

function resultBlock(output: CanonicalFunctionCallOutput, id: string): AnthropicToolResultBlock {
  if (typeof output.output === 'string') {
    return output.output === ''
      ? { type: 'tool_result', tool_use_id: id }
      : { type: 'tool_result', tool_use_id: id, content: output.output };
  }
  const blocks = contentBlocks(output.output);
  return blocks.length === 0
    ? { type: 'tool_result', tool_use_id: id }
    : { type: 'tool_result', tool_use_id: id, content: blocks };
}

/** Moves blocks matching `first` to the front, keeping order otherwise. */
function frontFirst(blocks: AnthropicContentBlock[], first: (block: AnthropicContentBlock) => boolean): void {
  const head = blocks.filter(first);
  if (head.length === 0 || head.length === blocks.length) return;
  const tail = blocks.filter((block) => !first(block));
  blocks.splice(0, blocks.length, ...head, ...tail);
}

/**
 * Canonical items → Anthropic `system` + `messages` (docs/protocol/anthropic.md §4, §5, §6):
 * system/developer messages go to `system`; roles alternate (runs of one role are merged); every
 * tool result of a turn lands in one user message, results first; ids are made valid and unique;
 * empty text is dropped; `input` is always an object. Thinking blocks open their assistant message
 * when `includeReasoning`, else they are left out; other providers' reasoning is always left out.
 */
export function toAnthropicHistory(
  items: readonly CanonicalItem[],
  options: { instructions: string | null; includeReasoning: boolean },
): AnthropicHistory {
  const adjustments: string[] = [];
  const system: AnthropicTextBlock[] = options.instructions === null ? [] : textBlock(options.instructions);
  const messages: AnthropicMessageParam[] = [];
  const ids = new AnthropicToolIds();
  const toolNames = new Set<string>();
  let foreignReasoning = 0;
  // The API documents that runs of one role are combined (`MessageCreateParamsBase.messages` in the
  // SDK's messages.ts); merging them here anyway keeps the tool-adjacency rules checkable.
  const push = (role: Role, blocks: AnthropicContentBlock[]): void => {
    if (blocks.length === 0) return;
    const last = messages.at(-1);
    if (last?.role === role) last.content.push(...blocks);
    else messages.push({ role, content: blocks });
  };
  for (const item of items) {
    switch (item.type) {
      case 'message':
        // Reading picked (system role): SDK 1.17 still types a `system` role in `MessageParam`
        // (`SystemMessageParam`, src/resources/messages/messages.ts), but its 1.0.0 changelog dropped
        // the messages doc's system-role note and the mid-conversation system block was withdrawn;
        // the top-level `system` is what every model takes, so every system/developer text goes there.
        if (item.role === 'system' || item.role === 'developer')
          system.push(...textBlock(contentText(item.content)));
        else push(item.role, contentBlocks(item.content));
        break;
      case 'function_call':
        toolNames.add(item.name);
        push('assistant', [
          {
            type: 'tool_use',
            id: ids.forCall(item.callId),
            name: item.name,
            input: callInput(item, adjustments),
          },
        ]);
        break;
      case 'function_call_output':
        if (ids.hasCall(item.callId)) push('user', [resultBlock(item, ids.forResult(item.callId))]);
        else {
          adjustments.push(`the output of call '${item.callId}' has no call before it: sent as user text`);
          push('user', textBlock(`Result of tool call ${item.callId}: ${contentText(item.output)}`));
        }
        break;
      case 'reasoning': {
        const blocks = reasoningToThinkingBlocks(item);
        if (blocks === undefined) foreignReasoning += 1;
        else if (options.includeReasoning) push('assistant', blocks);
        break;
      }
      case 'item_reference':
        adjustments.push(`dropped an unresolved item_reference '${item.id}'`);
        break;
    }
  }
  for (const message of messages) {
    if (message.role === 'user') frontFirst(message.content, (block) => block.type === 'tool_result');
    else frontFirst(message.content, isReasoningBlock);
  }
  if (foreignReasoning > 0)
    adjustments.push(`dropped ${foreignReasoning} reasoning item(s) another provider made`);
  if (ids.renamed > 0) adjustments.push(`${ids.renamed} tool call id(s) rewritten to Anthropic's id rules`);
  return { system, messages, toolNames: [...toolNames], adjustments };
}

/**
 * Whether the request is in the middle of a tool loop whose assistant turn lacks its thinking
 * blocks: the last message holds tool results and the assistant message before it does not start
 * with a thinking block. Anthropic refuses such a request when thinking is on (§6).
 */
export function lacksLatestThinking(messages: readonly AnthropicMessageParam[]): boolean {
  const last = messages.at(-1);
  if (last?.role !== 'user' || !last.content.some((block) => block.type === 'tool_result')) return false;
  const first = messages.at(-2)?.content[0];
  return first === undefined || !isReasoningBlock(first);
}
