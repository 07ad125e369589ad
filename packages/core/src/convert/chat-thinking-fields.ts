import type { CanonicalItem, CanonicalReasoning, JsonObject } from '../items/canonical.js';
import { getOwn } from '../json/get-own.js';
import type { AnthropicReasoningBlock } from '../protocol/anthropic/types.js';
import type { ChatAssistantMessage } from '../protocol/chat/types.js';
import {
  readThinkingBlocks,
  reasoningToThinkingBlocks,
  thinkingBlocksToReasoning,
  thinkingText,
} from './anthropic/thinking-blocks.js';

/** The non-standard assistant-message fields that carry thinking on Chat Completions. */
export interface ChatThinkingFields {
  /** The readable thinking text. */
  reasoning_content: string;
  /** The exact blocks, signatures included: a client that echoes the message keeps them. */
  thinking_blocks: JsonObject[];
}

/**
 * Chat Completions has no field for reasoning state, so thinking blocks ride on the assistant message
 * as `reasoning_content` + `thinking_blocks` (the convention LiteLLM set; docs/protocol/anthropic.md §6).
 * Returns those fields for the reasoning items that hold Anthropic blocks, or `undefined` when none do.
 */
export function chatThinkingFields(items: readonly CanonicalItem[]): ChatThinkingFields | undefined {
  const blocks: AnthropicReasoningBlock[] = [];
  for (const item of items) {
    if (item.type !== 'reasoning') continue;
    const found = reasoningToThinkingBlocks(item);
    if (found !== undefined) blocks.push(...found);
  }
  if (blocks.length === 0) return undefined;
  return { reasoning_content: thinkingText(blocks), thinking_blocks: blocks.map((block) => ({ ...block })) };
}

/**
 * The reasoning item of an assistant message a Chat client sent back with `thinking_blocks`, or
 * `undefined` when it has none or they are malformed (then the turn goes without them, and the
 * Anthropic encoder decides whether thinking can stay on; docs/protocol/anthropic.md §6).
 */
export function chatThinkingToReasoning(message: ChatAssistantMessage): CanonicalReasoning | undefined {
  const blocks = readThinkingBlocks(getOwn(message, 'thinking_blocks'));
  return blocks === undefined ? undefined : thinkingBlocksToReasoning(blocks);
}
