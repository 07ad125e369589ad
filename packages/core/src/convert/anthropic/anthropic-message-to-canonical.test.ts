import { describe, expect, it } from 'vitest';
import { canonicalToChatChunks } from '../../stream/canonical-to-chat-chunks.js';
import { collect, fromArray, responseSkeleton } from '../../stream/test-kit.case.js';
import { completeResponseObject } from '../build-response-object.js';
import { canonicalToChatCompletion } from '../canonical-to-chat-completion.js';
import { chatMessagesToItems } from '../chat-messages-to-items.js';
import { anthropicMessageToCanonical } from './anthropic-message-to-canonical.js';
import { reasoningToThinkingBlocks } from './thinking-blocks.js';

// Non-streaming answers (docs/protocol/anthropic.md §7–§9) as both client endpoints see them.
const message = (
  content: object[],
  stopReason: string,
  usage: object = { input_tokens: 10, output_tokens: 5 },
) => ({
  id: 'msg_01',
  type: 'message',
  role: 'assistant',
  model: 'claude-sonnet-5',
  content,
  stop_reason: stopReason,
  stop_sequence: null,
  usage,
});
const textAndCalls = message(
  [
    { type: 'text', text: 'Checking.' },
    {
      type: 'tool_use',
      id: 'toolu_01A',
      name: 'get_weather',
      input: { city: 'Paris' },
      caller: { type: 'direct' },
    },
    { type: 'tool_use', id: 'toolu_01B', name: 'get_weather', input: { city: 'Rome' } },
  ],
  'tool_use',
);
const skeleton = responseSkeleton();

describe('anthropicMessageToCanonical', () => {
  it('A-29: text + two tool_use blocks → Chat content and tool_calls; Responses message then calls', () => {
    const canonical = anthropicMessageToCanonical(textAndCalls);
    const chat = canonicalToChatCompletion(canonical);
    expect(chat.choices[0]?.finish_reason).toBe('tool_calls');
    expect(chat.choices[0]?.message).toMatchObject({
      content: 'Checking.',
      tool_calls: [
        {
          id: 'toolu_01A',
          type: 'function',
          function: { name: 'get_weather', arguments: '{"city":"Paris"}' },
        },
        {
          id: 'toolu_01B',
          type: 'function',
          function: { name: 'get_weather', arguments: '{"city":"Rome"}' },
        },
      ],
    });
    const response = completeResponseObject(skeleton, canonical);
    expect(response.status).toBe('completed');
    expect(response.output.map((item) => item.type)).toEqual(['message', 'function_call', 'function_call']);
    expect(response.output[1]).toMatchObject({ call_id: 'toolu_01A', status: 'completed' });
  });

  it('A-30: max_tokens → length / incomplete max_output_tokens; refusal → content_filter', () => {
    const cut = anthropicMessageToCanonical(message([{ type: 'text', text: 'The weath' }], 'max_tokens'));
    expect(canonicalToChatCompletion(cut).choices[0]?.finish_reason).toBe('length');
    const incomplete = completeResponseObject(skeleton, cut);
    expect(incomplete.status).toBe('incomplete');
    expect(incomplete.incomplete_details).toEqual({ reason: 'max_output_tokens' });
    expect(incomplete.output[0]).toMatchObject({ status: 'incomplete' });
    const refused = anthropicMessageToCanonical(message([{ type: 'text', text: 'No.' }], 'refusal'));
    expect(canonicalToChatCompletion(refused).choices[0]?.finish_reason).toBe('content_filter');
    expect(completeResponseObject(skeleton, refused).incomplete_details).toEqual({
      reason: 'content_filter',
    });
  });

  it('A-31: input = input + cache read + cache write; cached = read; cache_write_tokens kept', () => {
    const usage = {
      input_tokens: 12,
      cache_read_input_tokens: 2495,
      cache_creation_input_tokens: 100,
      output_tokens: 50,
    };
    const canonical = anthropicMessageToCanonical(message([{ type: 'text', text: 'ok' }], 'end_turn', usage));
    expect(canonicalToChatCompletion(canonical).usage).toMatchObject({
      prompt_tokens: 2607,
      completion_tokens: 50,
      total_tokens: 2657,
      prompt_tokens_details: { cached_tokens: 2495, cache_write_tokens: 100 },
    });
    expect(completeResponseObject(skeleton, canonical).usage).toMatchObject({
      input_tokens: 2607,
      total_tokens: 2657,
      input_tokens_details: { cached_tokens: 2495, cache_write_tokens: 100 },
    });
  });

  it('a non-object input is kept as raw argument text; unknown blocks are skipped', () => {
    const canonical = anthropicMessageToCanonical(
      message(
        [
          { type: 'server_tool_use', id: 'srvtoolu_1', name: 'web_search', input: {} },
          { type: 'tool_use', id: 'toolu_1', name: 'f', input: '{"city":"Par' },
          { type: 'tool_use', id: 'toolu_2', name: 'f' },
        ],
        'tool_use',
      ),
    );
    expect(canonical.output).toEqual([
      expect.objectContaining({ type: 'function_call', callId: 'toolu_1', arguments: '{"city":"Par' }),
      expect.objectContaining({ type: 'function_call', callId: 'toolu_2', arguments: '{}' }),
    ]);
  });

  it('rejects what is not a message', () => {
    expect(() => anthropicMessageToCanonical({ type: 'error' })).toThrow(/no "content" array/);
    expect(() => anthropicMessageToCanonical('x')).toThrow(/not a JSON object/);
  });
});

describe('thinking blocks on both client endpoints (§6)', () => {
  const thinking = { type: 'thinking', thinking: 'Call get_weather.', signature: 'sig-abc' };
  const redacted = { type: 'redacted_thinking', data: 'opaque==' };
  const withThinking = message([thinking, redacted, ...textAndCalls.content], 'tool_use');

  it('Responses: one reasoning item first, whose blob holds the exact blocks and summary the text', () => {
    const canonical = anthropicMessageToCanonical(withThinking);
    const response = completeResponseObject(skeleton, canonical);
    expect(response.output.map((item) => item.type)).toEqual([
      'reasoning',
      'message',
      'function_call',
      'function_call',
    ]);
    expect(response.output[0]).toMatchObject({
      type: 'reasoning',
      id: expect.stringMatching(/^rs_/),
      summary: [{ type: 'summary_text', text: 'Call get_weather.' }],
      encrypted_content: expect.stringMatching(/^tb1\.anthropic\./),
    });
    const first = canonical.output[0];
    expect(first?.type === 'reasoning' ? reasoningToThinkingBlocks(first) : undefined).toEqual([
      thinking,
      redacted,
    ]);
  });

  it('Chat: reasoning_content + thinking_blocks on the message; echoed back they become the same blocks', () => {
    const chat = canonicalToChatCompletion(anthropicMessageToCanonical(withThinking));
    const sent = chat.choices[0]?.message;
    expect(sent?.reasoning_content).toBe('Call get_weather.');
    expect(sent?.thinking_blocks).toEqual([thinking, redacted]);
    const items = chatMessagesToItems([{ ...sent, role: 'assistant' }]);
    expect(items.map((item) => item.type)).toEqual([
      'reasoning',
      'message',
      'function_call',
      'function_call',
    ]);
    const first = items[0];
    expect(first?.type === 'reasoning' ? reasoningToThinkingBlocks(first) : undefined).toEqual([
      thinking,
      redacted,
    ]);
  });

  it('Chat: malformed thinking_blocks from a client are ignored, not half-read', () => {
    const items = chatMessagesToItems([
      { role: 'assistant', content: 'x', thinking_blocks: [thinking, { type: 'thinking', thinking: 1 }] },
    ]);
    expect(items.map((item) => item.type)).toEqual(['message']);
  });

  it('Chat stream: one delta carries reasoning_content and thinking_blocks; other reasoning shows nothing', async () => {
    const reasoning = anthropicMessageToCanonical(withThinking).output[0];
    if (reasoning?.type !== 'reasoning') throw new Error('no reasoning item');
    const foreign = { type: 'reasoning', id: 'rs_2', summary: [], encrypted_content: 'gAAAA' };
    const chunks = await collect(
      canonicalToChatChunks(
        fromArray([
          { type: 'response-start', id: 'x', model: 'm', createdAt: 1 },
          { type: 'reasoning', item: foreign },
          { type: 'reasoning', item: reasoning.raw },
          { type: 'finish', finishReason: 'stop', usage: null },
        ] as const),
        { id: 'chatcmpl-1', created: 1, model: 'm', includeUsage: false },
      ),
    );
    const deltas = chunks.flatMap((chunk) =>
      'choices' in chunk ? chunk.choices.map((choice) => choice.delta) : [],
    );
    expect(deltas).toEqual([
      { role: 'assistant', content: null },
      { reasoning_content: 'Call get_weather.', thinking_blocks: [thinking, redacted] },
      {},
    ]);
  });
});
