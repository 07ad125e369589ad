import { splitFragments } from '../split-fragments.js';
import type { AnswerBlock, AnthropicAnswer } from './anthropic-answer.js';
import { stopDetails, usageBody } from './anthropic-message-body.js';

/** `event: <name>` plus one `data:` line: the official SDK skips events that have no name. */
export function sseFrame(name: string, data: unknown): string {
  return `event: ${name}\ndata: ${JSON.stringify(data)}\n\n`;
}

/** The keep-alive Anthropic sends between events. */
export const PING_FRAME = 'event: ping\ndata: {"type": "ping"}\n\n';

function startBlock(block: AnswerBlock): Record<string, unknown> {
  switch (block.type) {
    case 'thinking':
      return { type: 'thinking', thinking: '', signature: '' };
    case 'redacted_thinking':
      return { ...block };
    case 'text':
      return { type: 'text', text: '' };
    case 'tool_use':
      return { type: 'tool_use', id: block.id, name: block.name, input: {}, caller: { type: 'direct' } };
  }
}

function deltas(block: AnswerBlock, fragments: number): Array<Record<string, unknown>> {
  switch (block.type) {
    case 'thinking':
      return [
        ...splitFragments(block.thinking, fragments).map((thinking) => ({
          type: 'thinking_delta',
          thinking,
        })),
        { type: 'signature_delta', signature: block.signature },
      ];
    case 'redacted_thinking':
      return [];
    case 'text':
      return splitFragments(block.text, fragments).map((text) => ({ type: 'text_delta', text }));
    case 'tool_use':
      // The first fragment is empty, as Anthropic sends it; a call without arguments gets only that.
      return ['', ...splitFragments(block.arguments === '{}' ? '' : block.arguments, fragments)].map(
        (partial_json) => ({ type: 'input_json_delta', partial_json }),
      );
  }
}

/**
 * The SSE frames of a Messages stream (docs/scripted-upstream.md): `message_start` (empty content,
 * input usage), a `ping`, then per block `content_block_start` → deltas → `content_block_stop`
 * (a call cut by max_tokens gets no stop), `message_delta` (stop reason, cumulative output usage),
 * `message_stop`. Faults are spliced in by the handler.
 */
export function buildMessageStreamFrames(answer: AnthropicAnswer, fragments: number): string[] {
  const usage = usageBody(answer.usage);
  const frames = [
    sseFrame('message_start', {
      type: 'message_start',
      message: {
        id: answer.id,
        type: 'message',
        role: 'assistant',
        model: answer.model,
        content: [],
        stop_reason: null,
        stop_sequence: null,
        stop_details: null,
        container: null,
        diagnostics: null,
        usage: { ...usage, output_tokens: 1, output_tokens_details: null },
      },
    }),
    PING_FRAME,
  ];
  answer.blocks.forEach((block, index) => {
    frames.push(
      sseFrame('content_block_start', {
        type: 'content_block_start',
        index,
        content_block: startBlock(block),
      }),
    );
    for (const delta of deltas(block, fragments))
      frames.push(sseFrame('content_block_delta', { type: 'content_block_delta', index, delta }));
    if (block.type !== 'tool_use' || block.complete)
      frames.push(sseFrame('content_block_stop', { type: 'content_block_stop', index }));
  });
  frames.push(
    sseFrame('message_delta', {
      type: 'message_delta',
      delta: {
        stop_reason: answer.stopReason,
        stop_sequence: null,
        stop_details: stopDetails(answer),
        container: null,
      },
      usage: {
        input_tokens: usage['input_tokens'],
        cache_creation_input_tokens: usage['cache_creation_input_tokens'],
        cache_read_input_tokens: usage['cache_read_input_tokens'],
        output_tokens: usage['output_tokens'],
        output_tokens_details: usage['output_tokens_details'],
        server_tool_use: null,
      },
    }),
    sseFrame('message_stop', { type: 'message_stop' }),
  );
  return frames;
}
