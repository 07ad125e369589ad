import { describe, expect, it } from 'vitest';
import { decodeReasoningBlob } from '../convert/reasoning-blob.js';
import { anthropicEventsToCanonical, decodeAnthropicEventBatches } from './anthropic-events-to-canonical.js';
import { flattenBatches } from './batches.js';
import type { CanonicalStreamEvent } from './canonical-stream-event.js';
import { decodeSseBatches } from './decode-sse.js';
import { chunked, collect, fixtureBytes, fromArray } from './test-kit.case.js';

// The Anthropic stream grammar (docs/protocol/anthropic.md §10) over transcripts written in the shape
// of real Messages streams; each fixture is read through the real SSE decoder in 7-byte pieces.
function events(name: string): AsyncIterable<unknown> {
  return flattenBatches(decodeAnthropicEventBatches(decodeSseBatches(chunked(fixtureBytes(name)))));
}
const decode = (name: string) => collect(anthropicEventsToCanonical(events(name)));
const types = (list: CanonicalStreamEvent[]) => list.map((event) => event.type);
const finishOf = (list: CanonicalStreamEvent[]) => list.find((event) => event.type === 'finish');

describe('anthropicEventsToCanonical over recorded-style streams', () => {
  it('A-36: text then a tool call; the empty first fragment and ping add nothing', async () => {
    const list = await decode('anthropic-text-then-tool.sse');
    expect(list).toEqual([
      {
        type: 'response-start',
        id: 'msg_01TextThenTool0000000001',
        model: 'claude-sonnet-5',
        createdAt: expect.any(Number),
      },
      { type: 'text-start' },
      { type: 'text-delta', delta: "I'll check the weather" },
      { type: 'text-delta', delta: ' in Paris for you.' },
      { type: 'text-end' },
      { type: 'tool-call-start', callId: 'toolu_01NRLabsLyVHQPKHEDUSyHK', name: 'get_weather' },
      { type: 'tool-call-delta', delta: '{"locati' },
      { type: 'tool-call-delta', delta: 'on": "Par' },
      { type: 'tool-call-delta', delta: 'is"}' },
      { type: 'tool-call-end', arguments: '{"location": "Paris"}' },
      {
        type: 'finish',
        finishReason: 'tool_calls',
        usage: {
          inputTokens: 377,
          outputTokens: 65,
          totalTokens: 442,
          cachedTokens: 0,
          reasoningTokens: 0,
          cacheWriteTokens: 0,
        },
      },
    ]);
  });

  it('A-37: a zero-argument call (start, one empty fragment, stop) ends with "{}"', async () => {
    const list = await decode('anthropic-zero-arg-tool.sse');
    expect(list.slice(1)).toEqual([
      { type: 'tool-call-start', callId: 'toolu_01ZeroArgs000000000000', name: 'get_time' },
      { type: 'tool-call-end', arguments: '{}' },
      expect.objectContaining({ type: 'finish', finishReason: 'tool_calls' }),
    ]);
  });

  it('A-38, A-39: two calls after text at content indices 1 and 2, pings between deltas', async () => {
    const list = await decode('anthropic-two-tools.sse');
    expect(types(list)).toEqual([
      'response-start',
      'text-start',
      'text-delta',
      'text-end',
      'tool-call-start',
      'tool-call-delta',
      'tool-call-delta',
      'tool-call-end',
      'tool-call-start',
      'tool-call-delta',
      'tool-call-end',
      'finish',
    ]);
    const ends = list.filter((event) => event.type === 'tool-call-end');
    expect(ends).toEqual([
      { type: 'tool-call-end', arguments: '{"city": "Paris"}' },
      { type: 'tool-call-end', arguments: '{"city": "Oslo"}' },
    ]);
  });

  it('A-40: an error event after HTTP 200 ends the stream with an overloaded error, never a finish', async () => {
    const list = await decode('anthropic-overloaded-midstream.sse');
    expect(types(list)).toEqual(['response-start', 'text-start', 'text-delta', 'text-delta', 'error']);
    expect(list.at(-1)).toEqual({
      type: 'error',
      error: {
        message: 'The upstream failed mid-stream (overloaded_error): Overloaded',
        type: 'server_error',
        code: 'overloaded',
        param: null,
      },
    });
  });

  it('A-41: an error right after message_start is the first event (nothing announced yet)', async () => {
    const list = await decode('anthropic-overloaded-before-output.sse');
    expect(types(list)).toEqual(['error']);
  });

  it('A-42: max_tokens inside a tool block leaves the call open and finishes with length', async () => {
    const list = await decode('anthropic-max-tokens-in-tool.sse');
    expect(types(list)).toEqual([
      'response-start',
      'tool-call-start',
      'tool-call-delta',
      'tool-call-delta',
      'finish',
    ]);
    expect(finishOf(list)).toMatchObject({ finishReason: 'length' });
  });

  it('A-43: message_delta usage overwrites message_start; cache reads and writes count as input', async () => {
    const finish = finishOf(await decode('anthropic-usage-overwrite.sse'));
    expect(finish).toEqual({
      type: 'finish',
      finishReason: 'stop',
      usage: {
        inputTokens: 461 + 2495 + 100,
        outputTokens: 124,
        totalTokens: 461 + 2495 + 100 + 124,
        cachedTokens: 2495,
        reasoningTokens: 0,
        cacheWriteTokens: 100,
      },
    });
  });

  it('A-44: a thinking block becomes one reasoning item, blob and summary, before the call', async () => {
    const list = await decode('anthropic-thinking-then-tool.sse');
    expect(types(list)).toEqual([
      'response-start',
      'reasoning',
      'tool-call-start',
      'tool-call-delta',
      'tool-call-end',
      'finish',
    ]);
    const reasoning = list[1] as Extract<CanonicalStreamEvent, { type: 'reasoning' }>;
    expect(reasoning.item['summary']).toEqual([
      { type: 'summary_text', text: 'The user wants Paris weather. I should call get_weather.' },
    ]);
    expect(decodeReasoningBlob(reasoning.item['encrypted_content'], 'anthropic')).toEqual([
      {
        type: 'thinking',
        thinking: 'The user wants Paris weather. I should call get_weather.',
        signature: 'EqQBCgIYAhIM1gbcDa9GJwZA2b3hGgxDYtxnZ1qsa5bKy+ohZHlL0kt5s0qYQBxm5b2PV4Kk',
      },
    ]);
    expect(finishOf(list)).toMatchObject({ usage: { reasoningTokens: 40 } });
  });

  it('a thinking block with only a signature, then a redacted one, travel together in one item', async () => {
    const list = await decode('anthropic-signature-only-thinking.sse');
    expect(types(list)).toEqual([
      'response-start',
      'reasoning',
      'text-start',
      'text-delta',
      'text-end',
      'finish',
    ]);
    const reasoning = list[1] as Extract<CanonicalStreamEvent, { type: 'reasoning' }>;
    expect(reasoning.item['summary']).toEqual([]);
    expect(decodeReasoningBlob(reasoning.item['encrypted_content'], 'anthropic')).toEqual([
      { type: 'thinking', thinking: '', signature: 'ErUBCkYIBhgCIkD0omittedThinkingSignature00000000' },
      { type: 'redacted_thinking', data: 'EmwKAhgBEgy3va3pzix/LafPsn4aDFIT2Xlxh0L5L8rLVyIwxtE3rAFBa8cr3qpP' },
    ]);
  });

  it('padded JSON, server-tool blocks and unknown events are tolerated; refusal → content_filter', async () => {
    const list = await decode('anthropic-padded-and-unknown.sse');
    expect(types(list)).toEqual(['response-start', 'text-start', 'text-delta', 'finish']);
    expect(finishOf(list)).toMatchObject({ finishReason: 'content_filter' });
  });
});

describe('anthropicEventsToCanonical on broken input', () => {
  const startEvent = {
    type: 'message_start',
    message: { id: 'msg_1', model: 'm', usage: { input_tokens: 1 } },
  };
  const toolStart = (index: number) => ({
    type: 'content_block_start',
    index,
    content_block: { type: 'tool_use', id: `toolu_${index}`, name: 'f', input: {} },
  });

  it('a stream cut before message_delta is an invalid_stream error, not a finish', async () => {
    const list = await collect(anthropicEventsToCanonical(fromArray([startEvent, toolStart(0)])));
    expect(list.at(-1)).toMatchObject({ type: 'error', error: { code: 'invalid_stream' } });
  });

  it('a cut after message_delta still finishes (the stop reason was given)', async () => {
    const delta = { type: 'message_delta', delta: { stop_reason: 'end_turn' }, usage: { output_tokens: 2 } };
    const list = await collect(anthropicEventsToCanonical(fromArray([startEvent, delta])));
    expect(list.map((event) => event.type)).toEqual(['response-start', 'finish']);
  });

  it('more calls than the limit is a stream_limit_exceeded error', async () => {
    const payloads = [startEvent, toolStart(0), toolStart(1), toolStart(2)];
    const list = await collect(
      anthropicEventsToCanonical(fromArray(payloads), { limits: { maxToolCalls: 2 } }),
    );
    expect(list.at(-1)).toMatchObject({ type: 'error', error: { code: 'stream_limit_exceeded' } });
  });

  it('data that is not JSON is an invalid_stream error', async () => {
    const bytes = new TextEncoder().encode('event: message_start\ndata: {"type":\n\n');
    const payloads = flattenBatches(decodeAnthropicEventBatches(decodeSseBatches(chunked(bytes))));
    const list = await collect(anthropicEventsToCanonical(payloads));
    expect(list).toEqual([
      expect.objectContaining({ type: 'error', error: expect.objectContaining({ code: 'invalid_stream' }) }),
    ]);
  });

  it('a call whose stop never came is ended before the next block starts', async () => {
    const text = { type: 'content_block_start', index: 1, content_block: { type: 'text', text: 'x' } };
    const list = await collect(anthropicEventsToCanonical(fromArray([startEvent, toolStart(0), text])));
    expect(types(list).slice(0, 5)).toEqual([
      'response-start',
      'tool-call-start',
      'tool-call-end',
      'text-start',
      'text-delta',
    ]);
  });
});
