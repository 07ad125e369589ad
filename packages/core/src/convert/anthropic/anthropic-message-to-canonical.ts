import { CoreError } from '../../errors/core-error.js';
import type { CanonicalContentPart, CanonicalItem, CanonicalResponse } from '../../items/canonical.js';
import { isJsonObject } from '../../json/get-own.js';
import { withFields } from '../../json/with-fields.js';
import type { AnthropicReasoningBlock } from '../../protocol/anthropic/types.js';
import { anthropicStopReasonToCanonical, anthropicUsageToCanonical } from './anthropic-usage.js';
import { readThinkingBlocks, thinkingBlocksToReasoning } from './thinking-blocks.js';

function invalid(detail: string): CoreError {
  return new CoreError({
    code: 'conversion_failed',
    message: `The Anthropic message is unreadable: ${detail}.`,
  });
}

/**
 * The argument string of a `tool_use` block: its `input` as JSON text. A well-behaved upstream
 * always sends an object; a string is taken as raw argument text (so broken JSON reaches the
 * gateway's checks as such), and a missing input counts as `{}` (docs/protocol/anthropic.md §7).
 */
export function toolInputArguments(input: unknown): string {
  if (input === undefined || input === null) return '{}';
  return typeof input === 'string' ? input : JSON.stringify(input);
}

/**
 * Collects a message's content in order: runs of text blocks become one message item, each
 * `tool_use` a function call, runs of thinking blocks one reasoning item; block types a client
 * cannot receive (server tools, fallbacks…) are skipped, never failing the turn.
 */
class OutputBuilder {
  readonly items: CanonicalItem[] = [];
  #text: CanonicalContentPart[] | undefined;
  #reasoning: AnthropicReasoningBlock[] | undefined;
  calls = 0;

  add(block: Record<string, unknown>): void {
    const type = block['type'];
    if (type === 'text' && typeof block['text'] === 'string') {
      this.#flushReasoning();
      if (block['text'] === '') return;
      if (this.#text === undefined) {
        this.#text = [];
        this.items.push({ type: 'message', role: 'assistant', content: this.#text, status: 'completed' });
      }
      this.#text.push({ type: 'text', text: block['text'] });
    } else if (type === 'tool_use' && typeof block['id'] === 'string' && typeof block['name'] === 'string') {
      this.#flush();
      this.calls += 1;
      this.items.push({
        type: 'function_call',
        callId: block['id'],
        name: block['name'],
        arguments: toolInputArguments(block['input']),
        status: 'completed',
      });
    } else if (type === 'thinking' || type === 'redacted_thinking') {
      this.#text = undefined;
      const read = readThinkingBlocks([block]);
      if (read === undefined) return;
      this.#reasoning ??= [];
      this.#reasoning.push(...read);
    }
  }

  finish(): CanonicalItem[] {
    this.#flush();
    return this.items;
  }

  #flush(): void {
    this.#text = undefined;
    this.#flushReasoning();
  }

  #flushReasoning(): void {
    if (this.#reasoning === undefined) return;
    this.items.push(thinkingBlocksToReasoning(this.#reasoning));
    this.#reasoning = undefined;
  }
}

/**
 * A non-streaming Anthropic message (already parsed, still untrusted) → a canonical response
 * (docs/protocol/anthropic.md §7–§9). Throws `conversion_failed` when it is not a message at all.
 */
export function anthropicMessageToCanonical(value: unknown): CanonicalResponse {
  if (!isJsonObject(value)) throw invalid('the body is not a JSON object');
  const content = value['content'];
  if (!Array.isArray(content)) throw invalid('no "content" array');
  const builder = new OutputBuilder();
  for (const block of content) if (isJsonObject(block)) builder.add(block);
  const output = builder.finish();
  const finishReason = anthropicStopReasonToCanonical(value['stop_reason'], builder.calls > 0);
  // A cut-off answer's last item is unfinished; it must never look complete (§8).
  const last = output.at(-1);
  if (
    (finishReason === 'length' || finishReason === 'content_filter') &&
    last !== undefined &&
    last.type !== 'reasoning'
  )
    output[output.length - 1] = withFields(last, { status: 'incomplete' }) as typeof last;
  return {
    id: typeof value['id'] === 'string' ? value['id'] : '',
    model: typeof value['model'] === 'string' ? value['model'] : '',
    createdAt: Math.floor(Date.now() / 1000),
    output,
    finishReason,
    usage: anthropicUsageToCanonical(value['usage']),
  };
}
