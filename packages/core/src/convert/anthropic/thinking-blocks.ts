import type { CanonicalReasoning, JsonObject } from '../../items/canonical.js';
import { isJsonObject } from '../../json/get-own.js';
import type { AnthropicReasoningBlock } from '../../protocol/anthropic/types.js';
import { ids } from '../../protocol/ids.js';
import { decodeReasoningBlob, encodeReasoningBlob } from '../reasoning-blob.js';

/** Provider tag of the blobs that hold Anthropic thinking blocks. */
export const ANTHROPIC_BLOB_PROVIDER = 'anthropic';

/** Blocks one reasoning item may carry back (hostile input is bounded). */
const MAX_BLOCKS = 64;

function readBlock(value: unknown): AnthropicReasoningBlock | undefined {
  if (!isJsonObject(value)) return undefined;
  const { type } = value;
  if (type === 'thinking' && typeof value['thinking'] === 'string' && typeof value['signature'] === 'string')
    return { type, thinking: value['thinking'], signature: value['signature'] };
  if (type === 'redacted_thinking' && typeof value['data'] === 'string') return { type, data: value['data'] };
  return undefined;
}

/**
 * Shape-checks thinking blocks that came back from a client (a decoded blob, or a Chat
 * `thinking_blocks` array) and keeps only their wire fields, exactly as they were. Anything that is
 * not a list of well-formed blocks gives `undefined`: a half-valid list would fail upstream anyway.
 */
export function readThinkingBlocks(value: unknown): AnthropicReasoningBlock[] | undefined {
  if (!Array.isArray(value) || value.length === 0 || value.length > MAX_BLOCKS) return undefined;
  const blocks: AnthropicReasoningBlock[] = [];
  for (const entry of value) {
    const block = readBlock(entry);
    if (block === undefined) return undefined;
    blocks.push(block);
  }
  return blocks;
}

/** The readable text of thinking blocks (redacted ones have none), joined by blank lines. */
export function thinkingText(blocks: readonly AnthropicReasoningBlock[]): string {
  return blocks
    .flatMap((block) => (block.type === 'thinking' && block.thinking !== '' ? [block.thinking] : []))
    .join('\n\n');
}

/**
 * Thinking blocks → one canonical reasoning item in the Responses shape: the exact blocks travel in
 * `encrypted_content` as a `tb1.anthropic.…` blob, and `summary` shows their text for people to read
 * (never trusted on the way back: the signature covers the blob's text). docs/protocol/anthropic.md §6.
 */
export function thinkingBlocksToReasoning(
  blocks: readonly AnthropicReasoningBlock[],
  id: string = ids.reasoning(),
): CanonicalReasoning {
  const text = thinkingText(blocks);
  const raw: JsonObject = {
    type: 'reasoning',
    id,
    summary: text === '' ? [] : [{ type: 'summary_text', text }],
    encrypted_content: encodeReasoningBlob(ANTHROPIC_BLOB_PROVIDER, blocks),
  };
  return { type: 'reasoning', id, raw };
}

/** The Anthropic thinking blocks a reasoning item carries, or `undefined` (another provider's state). */
export function reasoningToThinkingBlocks(item: CanonicalReasoning): AnthropicReasoningBlock[] | undefined {
  const blob = Object.hasOwn(item.raw, 'encrypted_content') ? item.raw['encrypted_content'] : undefined;
  return readThinkingBlocks(decodeReasoningBlob(blob, ANTHROPIC_BLOB_PROVIDER));
}
