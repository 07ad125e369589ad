import type { CanonicalItem, CanonicalReasoning } from '../items/canonical.js';
import { ids } from '../protocol/ids.js';

/**
 * Reasoning text on Chat Completions. OpenAI's Chat API sends none, but OpenAI-compatible servers of
 * reasoning models (DeepSeek, Kimi, Qwen on vLLM, …) put the model's reasoning on the assistant message
 * as `reasoning_content`, and some want it back in the history of a tool loop. The gateway keeps it as a
 * reasoning item with the text as `reasoning_text` content, the Open Responses form of raw reasoning, so
 * a Chat client gets it back as `reasoning_content` and a Responses client as a reasoning item.
 */
export function chatReasoningItem(text: string, id: string = ids.reasoning()): CanonicalReasoning {
  return {
    type: 'reasoning',
    id,
    raw: { type: 'reasoning', id, summary: [], content: [{ type: 'reasoning_text', text }] },
  };
}

/**
 * The field a Chat server puts reasoning text in: `reasoning_content` (DeepSeek's name, which Kimi,
 * SGLang and llama.cpp kept) or `reasoning` (vLLM's since it dropped `reasoning_content`, OpenRouter's).
 */
export type ChatReasoningField = 'reasoning_content' | 'reasoning';

/**
 * The reasoning text of an assistant message or a stream delta, under either name; `undefined` when
 * there is none (an empty string counts as none).
 */
export function chatReasoningOf(record: Record<string, unknown>): string | undefined {
  // Called for every stream delta: two plain reads, no array to loop over.
  const content = Object.hasOwn(record, 'reasoning_content') ? record['reasoning_content'] : undefined;
  if (typeof content === 'string' && content !== '') return content;
  const reasoning = Object.hasOwn(record, 'reasoning') ? record['reasoning'] : undefined;
  return typeof reasoning === 'string' && reasoning !== '' ? reasoning : undefined;
}

/**
 * The `reasoning_text` content of a reasoning item, joined; `undefined` when it has none (summaries and
 * encrypted state stay with the upstream that made them: Chat has no field for those).
 */
export function reasoningTextOf(item: CanonicalReasoning): string | undefined {
  const content = item.raw['content'];
  if (!Array.isArray(content)) return undefined;
  let text: string | undefined;
  for (const part of content) {
    if (typeof part !== 'object' || part === null) continue;
    const { type, text: piece } = part as Record<string, unknown>;
    if (type === 'reasoning_text' && typeof piece === 'string') text = (text ?? '') + piece;
  }
  return text;
}

/** The reasoning text of a turn's items for a Chat assistant message, or `undefined`. */
export function chatReasoningContent(items: readonly CanonicalItem[]): string | undefined {
  let text: string | undefined;
  for (const item of items) {
    if (item.type !== 'reasoning') continue;
    const piece = reasoningTextOf(item);
    if (piece !== undefined) text = (text ?? '') + piece;
  }
  return text;
}
