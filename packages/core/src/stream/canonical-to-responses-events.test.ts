import { describe, expect, it, vi } from 'vitest';
import { CoreError } from '../errors/core-error.js';
import type { ResponseObject, ResponsesStreamEvent } from '../protocol/responses/types.js';
import type { CanonicalStreamEvent } from './canonical-stream-event.js';
import { canonicalToResponsesEvents } from './canonical-to-responses-events.js';
import { encodeResponsesSse } from './encode-responses-sse.js';
import { RESPONSES_EVENT_TYPES } from './responses-event-types.js';
import { ResponsesStreamAccumulator } from './responses-stream-accumulator.js';
import { collect, fromArray, responseSkeleton } from './test-kit.case.js';

const start: CanonicalStreamEvent = { type: 'response-start', id: 'up', model: 'up', createdAt: 1 };
const usage = { inputTokens: 10, outputTokens: 5, totalTokens: 15, cachedTokens: 0, reasoningTokens: 0 };
const text = (parts: string[], itemId?: string): CanonicalStreamEvent[] => [
  itemId === undefined ? { type: 'text-start' } : { type: 'text-start', itemId },
  ...parts.map((delta): CanonicalStreamEvent => ({ type: 'text-delta', delta })),
  { type: 'text-end' },
];
const call = (callId: string, name: string, parts: string[]): CanonicalStreamEvent[] => [
  { type: 'tool-call-start', callId, name },
  ...parts.map((delta): CanonicalStreamEvent => ({ type: 'tool-call-delta', delta })),
  { type: 'tool-call-end', arguments: parts.join('') },
];
const finish = (finishReason: 'stop' | 'tool_calls' | 'length' = 'stop'): CanonicalStreamEvent => ({
  type: 'finish',
  finishReason,
  usage,
});

async function encode(events: CanonicalStreamEvent[], onBeforeTerminal?: (final: ResponseObject) => unknown) {
  const options = {
    response: responseSkeleton(),
    ...(onBeforeTerminal
      ? { onBeforeTerminal: async (final: ResponseObject) => void (await onBeforeTerminal(final)) }
      : {}),
  };
  const out = await collect(canonicalToResponsesEvents(fromArray(events), options));
  // Every output must satisfy the SDK invariants R1–R10 and keep sequence numbers gapless.
  const accumulator = new ResponsesStreamAccumulator();
  for (const event of out) accumulator.push(event);
  expect(out.map((event) => event.sequence_number)).toEqual(out.map((_event, index) => index));
  expect(out.every((event) => RESPONSES_EVENT_TYPES.has(event.type))).toBe(true);
  return { out, accumulator };
}
const types = (events: ResponsesStreamEvent[]) => events.map((event) => event.type);
const ofType = (events: ResponsesStreamEvent[], type: string) =>
  events.filter((event) => event.type === type);

describe('canonicalToResponsesEvents (docs/protocol/responses.md#streaming)', () => {
  it('case 59: Order A text stream, framing and final output', async () => {
    const { out, accumulator } = await encode([start, ...text(['Cur', 'rent']), finish()]);
    expect(types(out)).toEqual([
      'response.created',
      'response.in_progress',
      'response.output_item.added',
      'response.content_part.added',
      'response.output_text.delta',
      'response.output_text.delta',
      'response.output_text.done',
      'response.content_part.done',
      'response.output_item.done',
      'response.completed',
    ]);
    for (const event of out) {
      const frame = encodeResponsesSse(event);
      expect(frame).toBe(`event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`);
    }
    const added = out[2];
    const itemId = (added?.['item'] as { id: string } | undefined)?.id;
    expect(itemId).toMatch(/^msg_[0-9a-f]{48}$/);
    expect(added).toMatchObject({
      output_index: 0,
      item: { type: 'message', status: 'in_progress', content: [], role: 'assistant' },
    });
    expect(out[3]).toMatchObject({
      item_id: itemId,
      output_index: 0,
      content_index: 0,
      part: { type: 'output_text', text: '', annotations: [], logprobs: [] },
    });
    expect(out[4]).toMatchObject({
      item_id: itemId,
      output_index: 0,
      content_index: 0,
      delta: 'Cur',
      logprobs: [],
    });
    expect(out[6]).toMatchObject({ text: 'Current', logprobs: [] });
    expect(out[7]).toMatchObject({ part: { type: 'output_text', text: 'Current' } });
    expect(out[8]).toMatchObject({
      item: { id: itemId, status: 'completed', content: [{ type: 'output_text', text: 'Current' }] },
    });
    const final = out[9]?.['response'] as ResponseObject;
    expect(final).toMatchObject({
      id: 'resp_test',
      status: 'completed',
      error: null,
      incomplete_details: null,
    });
    expect(final.output).toEqual([out[8]?.['item']]);
    expect(final.usage).toEqual({
      input_tokens: 10,
      input_tokens_details: { cached_tokens: 0, cache_write_tokens: 0 },
      output_tokens: 5,
      output_tokens_details: { reasoning_tokens: 0 },
      total_tokens: 15,
    });
    expect(out[0]?.['response']).toMatchObject({ status: 'in_progress', output: [], usage: null });
    expect(accumulator.toResponse()).toEqual(final);
  });

  it('case 60: one call — added item, deltas by item id, done with name and full arguments', async () => {
    const { out } = await encode([
      start,
      ...call('call_1', 'get_weather', ['{"city":', '"Paris"}']),
      finish('tool_calls'),
    ]);
    expect(types(out).slice(2, -1)).toEqual([
      'response.output_item.added',
      'response.function_call_arguments.delta',
      'response.function_call_arguments.delta',
      'response.function_call_arguments.done',
      'response.output_item.done',
    ]);
    const item = out[2]?.['item'] as { id: string };
    expect(item).toMatchObject({
      type: 'function_call',
      status: 'in_progress',
      arguments: '',
      call_id: 'call_1',
      name: 'get_weather',
    });
    expect(item.id).toMatch(/^fc_[0-9a-f]{48}$/);
    expect(
      ofType(out, 'response.function_call_arguments.delta').every((event) => event['item_id'] === item.id),
    ).toBe(true);
    expect(out[5]).toMatchObject({
      item_id: item.id,
      output_index: 0,
      name: 'get_weather',
      arguments: '{"city":"Paris"}',
    });
    expect(out[6]).toMatchObject({
      item: { status: 'completed', arguments: '{"city":"Paris"}', call_id: 'call_1' },
    });
  });

  it('case 61: two calls in Order B, listed in order by response.completed', async () => {
    const { out } = await encode([
      start,
      ...call('call_A', 'a', ['{}']),
      ...call('call_B', 'b', ['{}']),
      finish('tool_calls'),
    ]);
    const lastOfFirst = out.findLastIndex((event) => event['output_index'] === 0);
    const firstOfSecond = out.findIndex((event) => event['output_index'] === 1);
    expect(lastOfFirst).toBeLessThan(firstOfSecond);
    expect(out[lastOfFirst]?.type).toBe('response.output_item.done');
    const final = out.at(-1)?.['response'] as ResponseObject;
    expect(final.output.map((item) => ('call_id' in item ? item.call_id : undefined))).toEqual([
      'call_A',
      'call_B',
    ]);
  });

  it('text then call: the message at output_index 0, the call at 1; call ids and given item ids kept', async () => {
    const { out } = await encode([
      start,
      ...text(['Hi'], 'msg_given'),
      { type: 'tool-call-start', callId: 'call_X', name: 'f', itemId: 'fc_given' },
      { type: 'tool-call-end', arguments: '{}' },
      finish('tool_calls'),
    ]);
    const final = out.at(-1)?.['response'] as ResponseObject;
    expect(final.output.map((item) => item.id)).toEqual(['msg_given', 'fc_given']);
    expect(ofType(out, 'response.function_call_arguments.delta')).toEqual([
      expect.objectContaining({ delta: '{}', output_index: 1 }),
    ]);
  });

  it('case 64: a length finish marks the open item incomplete and ends with response.incomplete', async () => {
    const { out, accumulator } = await encode([
      start,
      { type: 'text-start' },
      { type: 'text-delta', delta: 'Once upon' },
      finish('length'),
    ]);
    expect(types(out).slice(-5)).toEqual([
      'response.output_text.delta',
      'response.output_text.done',
      'response.content_part.done',
      'response.output_item.done',
      'response.incomplete',
    ]);
    expect(out.at(-2)).toMatchObject({ type: 'response.output_item.done', item: { status: 'incomplete' } });
    expect(out.at(-1)).toMatchObject({
      type: 'response.incomplete',
      response: { status: 'incomplete', incomplete_details: { reason: 'max_output_tokens' } },
    });
    expect(accumulator.toResponse().status).toBe('incomplete');
  });

  it('a cut-off call gets no function_call_arguments.done', async () => {
    const { out } = await encode([
      start,
      { type: 'tool-call-start', callId: 'call_1', name: 'f' },
      { type: 'tool-call-delta', delta: '{"a":' },
      finish('length'),
    ]);
    expect(ofType(out, 'response.function_call_arguments.done')).toEqual([]);
    expect(out.at(-2)).toMatchObject({ item: { status: 'incomplete', arguments: '{"a":' } });
  });

  it('case 65: an error becomes the nested error event (mirrored flat) then response.failed', async () => {
    const error = { message: 'quota', type: 'insufficient_quota', code: 'insufficient_quota', param: null };
    const { out, accumulator } = await encode([start, ...text(['a']), { type: 'error', error }]);
    expect(out.at(-2)).toEqual({
      type: 'error',
      sequence_number: out.length - 2,
      error: { type: 'insufficient_quota', code: 'insufficient_quota', message: 'quota', param: null },
      code: 'insufficient_quota',
      message: 'quota',
      param: null,
    });
    expect(out.at(-1)).toMatchObject({
      type: 'response.failed',
      response: { status: 'failed', error: { code: 'insufficient_quota', message: 'quota' }, usage: null },
    });
    expect(() => accumulator.toResponse()).toThrow('quota');
  });

  it('an error before anything else still starts with response.created (R1)', async () => {
    const { out } = await encode([
      { type: 'error', error: { message: 'down', type: 'server_error', code: null, param: null } },
    ]);
    expect(types(out)).toEqual(['response.created', 'response.in_progress', 'error', 'response.failed']);
    expect(out.at(-1)).toMatchObject({ response: { error: { code: 'server_error', message: 'down' } } });
  });

  it('awaits onBeforeTerminal with the final Response before yielding the terminal event', async () => {
    const seen: string[] = [];
    const hook = vi.fn(async (final: ResponseObject) => {
      await new Promise((resolve) => setTimeout(resolve, 5));
      seen.push(`stored ${final.status} with ${final.output.length} items`);
    });
    const stream = canonicalToResponsesEvents(fromArray([start, ...text(['x']), finish()]), {
      response: responseSkeleton(),
      onBeforeTerminal: hook,
    });
    for await (const event of stream) seen.push(event.type);
    expect(seen.slice(-2)).toEqual(['stored completed with 1 items', 'response.completed']);
  });

  it('turns a failing onBeforeTerminal into error + response.failed', async () => {
    const { out } = await encode([start, ...text(['x']), finish()], () => {
      throw new CoreError({ code: 'invalid_stream', message: 'could not store the response' });
    });
    expect(types(out).slice(-3)).toEqual(['response.output_item.done', 'error', 'response.failed']);
    expect(out.at(-2)).toMatchObject({ message: 'could not store the response' });
    expect(ofType(out, 'response.completed')).toEqual([]);
  });

  it('fails a stream that ends without finish, and never yields [DONE]', async () => {
    const { out } = await encode([start, ...text(['x'])]);
    expect(types(out).slice(-2)).toEqual(['error', 'response.failed']);
    expect(out.some((event) => JSON.stringify(event).includes('[DONE]'))).toBe(false);
  });

  it('emits a reasoning item as added + done', async () => {
    const { out } = await encode([
      start,
      { type: 'reasoning', item: { id: 'rs_1', type: 'reasoning', summary: [] } },
      ...call('call_1', 'f', ['{}']),
      finish('tool_calls'),
    ]);
    expect(out.slice(2, 4)).toEqual([
      expect.objectContaining({
        type: 'response.output_item.added',
        output_index: 0,
        item: { id: 'rs_1', type: 'reasoning', summary: [] },
      }),
      expect.objectContaining({ type: 'response.output_item.done', output_index: 0 }),
    ]);
  });
});
