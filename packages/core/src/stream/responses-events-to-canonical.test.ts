import { describe, expect, it } from 'vitest';
import type { CanonicalStreamEvent } from './canonical-stream-event.js';
import { responsesEventsToCanonical } from './responses-events-to-canonical.js';
import { collect, fromArray, responsesFixture } from './test-kit.case.js';

const decode = (name: string) => collect(responsesEventsToCanonical(responsesFixture(name)));
const run = (events: object[]) => collect(responsesEventsToCanonical(fromArray(events)));
const types = (events: CanonicalStreamEvent[]) => events.map((event) => event.type);

const created = {
  type: 'response.created',
  sequence_number: 0,
  response: { id: 'resp_1', model: 'm', created_at: 5, output: [] },
};
const fcItem = (index: number, args = '') => ({
  id: `fc_${index}`,
  type: 'function_call',
  status: 'in_progress',
  arguments: args,
  call_id: `call_${index}`,
  name: `f${index}`,
});
const added = (index: number, item: object) => ({
  type: 'response.output_item.added',
  output_index: index,
  item,
});
const argsDelta = (index: number, delta: string) => ({
  type: 'response.function_call_arguments.delta',
  item_id: `fc_${index}`,
  output_index: index,
  delta,
});
const itemDone = (index: number, args: string) => ({
  type: 'response.output_item.done',
  output_index: index,
  item: { ...fcItem(index, args), status: 'completed' },
});
const completed = (output: object[] = []) => ({
  type: 'response.completed',
  response: { id: 'resp_1', status: 'completed', output, usage: null },
});

describe('responsesEventsToCanonical over recorded shapes (docs/protocol/responses.md#streaming)', () => {
  it('Order A: one text message', async () => {
    expect(await decode('responses-text.sse')).toEqual([
      {
        type: 'response-start',
        id: 'resp_68d930a1c7d4819c8e7d2fb3b1b0f9a60b8a0c42e61f7a7b',
        model: 'gpt-5-2025-08-07',
        createdAt: 1759064126,
        // The Response fields the gateway passes on (docs/open-responses.md#response-object).
        responseFields: expect.objectContaining({ temperature: 1, top_p: 1, service_tier: 'auto' }),
      },
      { type: 'text-start', itemId: 'msg_68d930a2a5a4819c9f1e0c6d5b6a7e3f0b8a0c42e61f7a7b' },
      { type: 'text-delta', delta: 'Current' },
      { type: 'text-delta', delta: ' temperature' },
      { type: 'text-delta', delta: ' in Paris is 21 °C.' },
      { type: 'text-end' },
      {
        type: 'finish',
        finishReason: 'stop',
        usage: {
          inputTokens: 75,
          outputTokens: 155,
          totalTokens: 230,
          cachedTokens: 0,
          reasoningTokens: 128,
        },
        responseFields: expect.objectContaining({ temperature: 1, service_tier: 'default' }),
      },
    ]);
  });

  it('Order B: two calls with call ids, names and item ids', async () => {
    const events = await decode('responses-two-calls.sse');
    expect(types(events)).toEqual([
      'response-start',
      'tool-call-start',
      'tool-call-delta',
      'tool-call-delta',
      'tool-call-end',
      'tool-call-start',
      'tool-call-delta',
      'tool-call-delta',
      'tool-call-end',
      'finish',
    ]);
    expect(events[1]).toEqual({
      type: 'tool-call-start',
      callId: 'call_5dp5Uj0Loqn1YcyIpqSq6sLX',
      name: 'get_weather',
      itemId: 'fc_68d9303fe7fc819ea999bda43617404203aa6e5a972b3b23',
    });
    expect(events[4]).toEqual({ type: 'tool-call-end', arguments: '{ "location": "New York City, USA" }' });
    expect(events.at(-1)).toMatchObject({ type: 'finish', finishReason: 'tool_calls' });
  });

  it('text then call', async () => {
    expect(types(await decode('responses-text-then-call.sse'))).toEqual([
      'response-start',
      'text-start',
      'text-delta',
      'text-delta',
      'text-end',
      'tool-call-start',
      'tool-call-delta',
      'tool-call-delta',
      'tool-call-end',
      'finish',
    ]);
  });

  it('incomplete: the cut-off message stays open and finish says length', async () => {
    const events = await decode('responses-incomplete.sse');
    expect(types(events)).toEqual(['response-start', 'text-start', 'text-delta', 'text-delta', 'finish']);
    expect(events.at(-1)).toMatchObject({ finishReason: 'length' });
  });

  it('failed: the nested error event becomes one error event', async () => {
    expect((await decode('responses-failed.sse')).slice(1)).toEqual([
      {
        type: 'error',
        error: {
          message: 'You exceeded your current quota, please check your plan and billing details.',
          type: 'insufficient_quota',
          code: 'insufficient_quota',
          param: null,
        },
      },
    ]);
  });

  it('done-only upstream: arguments from .done and from output_item.done become one delta each', async () => {
    expect((await decode('responses-done-only-arguments.sse')).slice(1, -1)).toEqual([
      { type: 'tool-call-start', callId: 'call_doneonly0', name: 'get_weather', itemId: 'fc_done_only_0' },
      { type: 'tool-call-delta', delta: '{"location":"Oslo"}' },
      { type: 'tool-call-end', arguments: '{"location":"Oslo"}' },
      { type: 'tool-call-start', callId: 'call_doneonly1', name: 'get_weather', itemId: 'fc_done_only_1' },
      { type: 'tool-call-delta', delta: '{"location":"Rome"}' },
      { type: 'tool-call-end', arguments: '{"location":"Rome"}' },
    ]);
  });

  it('a reasoning item becomes a reasoning start and end, relayed as it streams', async () => {
    const events = await decode('responses-reasoning-call.sse');
    const item = {
      id: 'rs_68d93501aaaa819e3333333333333333003aa6e5a972b3b2',
      type: 'reasoning',
      summary: [],
    };
    expect(events[1]).toEqual({ type: 'reasoning-start', item });
    expect(events[2]).toEqual({ type: 'reasoning-end', item });
    expect(types(events).slice(3)).toEqual(['tool-call-start', 'tool-call-delta', 'tool-call-end', 'finish']);
  });
});

describe('responsesEventsToCanonical edge cases', () => {
  it('holds an interleaved second call until the first is done', async () => {
    const events = await run([
      created,
      added(0, fcItem(0)),
      added(1, fcItem(1)),
      argsDelta(0, '{"a":'),
      argsDelta(1, '{"b":'),
      argsDelta(1, '2}'),
      argsDelta(0, '1}'),
      itemDone(1, '{"b":2}'),
      itemDone(0, '{"a":1}'),
      completed(),
    ]);
    expect(events.slice(1)).toEqual([
      { type: 'tool-call-start', callId: 'call_0', name: 'f0', itemId: 'fc_0' },
      { type: 'tool-call-delta', delta: '{"a":' },
      { type: 'tool-call-delta', delta: '1}' },
      { type: 'tool-call-end', arguments: '{"a":1}' },
      { type: 'tool-call-start', callId: 'call_1', name: 'f1', itemId: 'fc_1' },
      { type: 'tool-call-delta', delta: '{"b":2}' },
      { type: 'tool-call-end', arguments: '{"b":2}' },
      { type: 'finish', finishReason: 'tool_calls', usage: null },
    ]);
  });

  it('ignores unknown event types and hosted-tool items', async () => {
    const events = await run([
      created,
      { type: 'response.something_new', payload: 1 },
      { type: 'keepalive' },
      added(0, { id: 'ws_1', type: 'web_search_call', status: 'in_progress' }),
      { type: 'response.web_search_call.completed', output_index: 0, item_id: 'ws_1' },
      completed(),
    ]);
    expect(types(events)).toEqual(['response-start', 'finish']);
  });

  it('builds items that only appear in response.completed', async () => {
    const message = {
      id: 'msg_9',
      type: 'message',
      status: 'completed',
      role: 'assistant',
      content: [{ type: 'output_text', text: 'late', annotations: [] }],
    };
    const events = await run([created, completed([message])]);
    expect(events.slice(1)).toEqual([
      { type: 'text-start', itemId: 'msg_9' },
      { type: 'text-delta', delta: 'late' },
      { type: 'text-end' },
      { type: 'finish', finishReason: 'stop', usage: null },
    ]);
  });

  it('reports refusal deltas inside the message', async () => {
    const events = await run([
      created,
      added(0, { id: 'msg_1', type: 'message', status: 'in_progress', role: 'assistant', content: [] }),
      {
        type: 'response.content_part.added',
        item_id: 'msg_1',
        output_index: 0,
        content_index: 0,
        part: { type: 'refusal', refusal: '' },
      },
      { type: 'response.refusal.delta', item_id: 'msg_1', output_index: 0, content_index: 0, delta: 'No.' },
      { type: 'response.refusal.done', item_id: 'msg_1', output_index: 0, content_index: 0, refusal: 'No.' },
      completed(),
    ]);
    expect(events.slice(1, 4)).toEqual([
      { type: 'text-start', itemId: 'msg_1' },
      { type: 'refusal-delta', delta: 'No.' },
      { type: 'text-end' },
    ]);
  });

  it('maps response.incomplete with content_filter, and the flat S1 error form', async () => {
    const incomplete = await run([
      created,
      {
        type: 'response.incomplete',
        response: { id: 'resp_1', output: [], incomplete_details: { reason: 'content_filter' } },
      },
    ]);
    expect(incomplete.at(-1)).toEqual({ type: 'finish', finishReason: 'content_filter', usage: null });
    const flat = await run([created, { type: 'error', code: 'server_error', message: 'boom', param: null }]);
    expect(flat.at(-1)).toEqual({
      type: 'error',
      error: { message: 'boom', type: 'server_error', code: 'server_error', param: null },
    });
  });

  it('reports a stream that ends without a terminal event as truncated, the open call never ended', async () => {
    const events = await run([created, added(0, fcItem(0)), argsDelta(0, '{"a":')]);
    expect(types(events)).toEqual(['response-start', 'tool-call-start', 'tool-call-delta', 'error']);
    expect(events.at(-1)).toMatchObject({ error: { code: 'invalid_stream' } });
  });

  it('rejects item events before response.created and .done arguments that contradict the deltas', async () => {
    expect((await run([added(0, fcItem(0))])).at(-1)).toMatchObject({
      type: 'error',
      error: { code: 'invalid_stream' },
    });
    const contradiction = await run([
      created,
      added(0, fcItem(0)),
      argsDelta(0, '{"a":1}'),
      itemDone(0, '{"b":2}'),
    ]);
    expect(contradiction.at(-1)).toMatchObject({ error: { message: expect.stringContaining('contradict') } });
  });

  it('enforces the argument limits on Responses upstreams too', async () => {
    const events = await collect(
      responsesEventsToCanonical(fromArray([created, added(0, fcItem(0)), argsDelta(0, '[[[[[')]), {
        limits: { maxArgumentDepth: 3 },
      }),
    );
    expect(events.at(-1)).toMatchObject({ error: { code: 'stream_limit_exceeded' } });
  });
});
