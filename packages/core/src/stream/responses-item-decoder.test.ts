/**
 * What the Responses stream decoder keeps from real upstream traffic (docs/open-responses.md#nothing-lost):
 * message `phase` and other fields it does not interpret, reasoning summaries as they stream, the final
 * output matched to streamed items by id, and the same verdict for a contradicting `.done` text as for
 * contradicting arguments. Fixtures are modelled on recorded OpenAI streams.
 */
import OpenAI from 'openai';
import { describe, expect, it } from 'vitest';
import type { ResponsesStreamEvent } from '../protocol/responses/types.js';
import type { CanonicalStreamEvent } from './canonical-stream-event.js';
import { canonicalToChatChunks } from './canonical-to-chat-chunks.js';
import { canonicalToResponsesEvents } from './canonical-to-responses-events.js';
import { chatChunksToCanonical } from './chat-chunks-to-canonical.js';
import { encodeResponsesSse } from './encode-responses-sse.js';
import { responsesEventsToCanonical } from './responses-events-to-canonical.js';
import { ResponsesStreamAccumulator } from './responses-stream-accumulator.js';
import {
  chatFixture,
  collect,
  fixtureBytes,
  fromArray,
  responseSkeleton,
  responsesFixture,
  sseBody,
} from './test-kit.case.js';

const decode = (name: string) => collect(responsesEventsToCanonical(responsesFixture(name)));
const reencode = async (events: CanonicalStreamEvent[]) =>
  collect(canonicalToResponsesEvents(fromArray(events), { response: responseSkeleton() }));

/** The upstream's own events of a fixture, as parsed JSON. */
function upstreamEvents(name: string): Array<Record<string, unknown>> {
  const text = new TextDecoder().decode(fixtureBytes(name));
  return text
    .split('\n')
    .filter((line) => line.startsWith('data: '))
    .map((line) => JSON.parse(line.slice(6)) as Record<string, unknown>);
}

function accumulate(events: ResponsesStreamEvent[]) {
  const accumulator = new ResponsesStreamAccumulator();
  for (const event of events) accumulator.push(JSON.parse(JSON.stringify(event)));
  return accumulator.toResponse();
}

/** The official SDK's stream helper reading the gateway's events, as a client would. */
async function throughSdk(events: ResponsesStreamEvent[]) {
  const frames = events.map((event) => encodeResponsesSse(event));
  const client = new OpenAI({
    apiKey: 'sk-test',
    baseURL: 'http://toolbridge.invalid/v1',
    maxRetries: 0,
    fetch: async () =>
      new Response(sseBody(frames), { status: 200, headers: { 'content-type': 'text/event-stream' } }),
  });
  const stream = client.responses.stream({ model: 'gpt-sdk', input: 'hi' });
  const seen: string[] = [];
  stream.on('event', (event) => seen.push(event.type));
  return { response: await stream.finalResponse(), seen };
}

describe('messages with phase, from an upstream whose output[] skips an index', () => {
  it('relays each message once, in order, with its phase', async () => {
    const events = await decode('responses-phase-skipped-index.sse');
    const starts = events.filter((event) => event.type === 'text-start');
    expect(starts).toEqual([
      {
        type: 'text-start',
        itemId: 'msg_0b7c41d2e3f4a5b60069a1c2d4aa11bb22cc33dd44ee55ff66',
        passthrough: { phase: 'commentary' },
      },
      {
        type: 'text-start',
        itemId: 'msg_0b7c41d2e3f4a5b60069a1c2d9ff00ee11dd22cc33bb44aa55',
        passthrough: { phase: 'final_answer' },
      },
    ]);
    const text = events.flatMap((event) => (event.type === 'text-delta' ? [event.delta] : [])).join('');
    expect(text).toBe('Let me look up the schedule first.The next train leaves at 09:42 from platform 3.');
  });

  it('gives a Responses client both messages with their phase, and the SDK sees no duplicate', async () => {
    const events = await reencode(await decode('responses-phase-skipped-index.sse'));
    const final = accumulate(events);
    expect(final.output.map((item) => [item.type, (item as { phase?: string }).phase])).toEqual([
      ['message', 'commentary'],
      ['message', 'final_answer'],
    ]);
    const { response } = await throughSdk(events);
    expect(response.output.map((item) => (item.type === 'message' ? item.phase : null))).toEqual([
      'commentary',
      'final_answer',
    ]);
  });

  it("passes the upstream's completed_at and sampling fields on to the final Response", async () => {
    const events = await reencode(await decode('responses-phase-skipped-index.sse'));
    const created = events[0] as unknown as { response: Record<string, unknown> };
    const completed = events.at(-1) as unknown as { type: string; response: Record<string, unknown> };
    expect(created.response['completed_at']).toBeNull();
    expect(completed.type).toBe('response.completed');
    expect(completed.response).toMatchObject({
      completed_at: 1772062790,
      top_p: 0.98,
      service_tier: 'default',
    });
  });
});

describe('reasoning summaries as they stream', () => {
  it('relays every summary delta of the upstream, in order, and the final item unchanged', async () => {
    const upstream = upstreamEvents('responses-reasoning-summary.sse');
    const upstreamDeltas = upstream.filter((event) => event.type === 'response.reasoning_summary_text.delta');
    const events = await reencode(await decode('responses-reasoning-summary.sse'));
    const deltas = events.filter((event) => event.type === 'response.reasoning_summary_text.delta');
    expect(deltas.map((event) => [event['summary_index'], event['delta']])).toEqual(
      upstreamDeltas.map((event) => [event['summary_index'], event['delta']]),
    );
    const finalUpstream = upstream.at(-1) as { response: { output: unknown[] } };
    const final = accumulate(events);
    expect(final.output[0]).toEqual(finalUpstream.response.output[0]);
  });

  it('emits the summary part lifecycle the SDK helper accumulates', async () => {
    const events = await reencode(await decode('responses-reasoning-summary.sse'));
    const { response, seen } = await throughSdk(events);
    const reasoning = response.output[0];
    expect(reasoning?.type).toBe('reasoning');
    expect(reasoning?.type === 'reasoning' ? reasoning.summary.map((part) => part.text) : []).toEqual([
      "**Planning the conversion**\n\nI'll convert 12 miles to kilometres with the converter tool.",
      '**Checking units**\n\nMiles to km uses 1.609344.',
    ]);
    expect(seen.filter((type) => type === 'response.reasoning_summary_part.added')).toHaveLength(2);
    expect(seen.filter((type) => type === 'response.reasoning_summary_text.done')).toHaveLength(2);
  });

  it('gives a Chat client the answer without the summary (Chat has no place for it)', async () => {
    const events = await decode('responses-reasoning-summary.sse');
    const chunks = await collect(
      canonicalToChatChunks(fromArray(events), {
        id: 'chatcmpl-x',
        created: 1,
        model: 'm',
        includeUsage: false,
      }),
    );
    expect(JSON.stringify(chunks)).not.toContain('Planning');
    expect(JSON.stringify(chunks)).toContain('convert_units');
  });
});

describe('contradicting final text', () => {
  it('is an error, as contradicting arguments are, never a text neither side sent', async () => {
    const events = await decode('responses-contradicting-text.sse');
    const text = events.flatMap((event) => (event.type === 'text-delta' ? [event.delta] : [])).join('');
    expect(text).toBe('The answer is 42');
    expect(events.at(-1)).toMatchObject({
      type: 'error',
      error: {
        code: 'invalid_stream',
        message: expect.stringMatching(/final text of message 0 \(part 0\) contradicts/),
      },
    });
  });

  it('a .done text that only continues the deltas releases the rest', async () => {
    const created = {
      type: 'response.created',
      response: { id: 'resp_1', model: 'm', created_at: 1, output: [] },
    };
    const item = { id: 'msg_1', type: 'message', status: 'in_progress', role: 'assistant', content: [] };
    const events = await collect(
      responsesEventsToCanonical(
        fromArray([
          created,
          { type: 'response.output_item.added', output_index: 0, item },
          {
            type: 'response.output_text.delta',
            item_id: 'msg_1',
            output_index: 0,
            content_index: 0,
            delta: 'Hel',
          },
          {
            type: 'response.output_text.done',
            item_id: 'msg_1',
            output_index: 0,
            content_index: 0,
            text: 'Hello',
          },
          { type: 'response.completed', response: { id: 'resp_1', status: 'completed', output: [] } },
        ]),
      ),
    );
    expect(events.filter((event) => event.type === 'text-delta')).toEqual([
      { type: 'text-delta', delta: 'Hel' },
      { type: 'text-delta', delta: 'lo' },
    ]);
  });
});

describe('a Chat stream asked for usage from an upstream that sends none', () => {
  it('reports no usage rather than zero tokens', async () => {
    const events = await collect(chatChunksToCanonical(chatFixture('chat-include-usage-without-usage.sse')));
    expect(events.at(-1)).toEqual({ type: 'finish', finishReason: 'stop', usage: null });
    const chunks = await collect(
      canonicalToChatChunks(fromArray(events), {
        id: 'chatcmpl-x',
        created: 1,
        model: 'm',
        includeUsage: true,
      }),
    );
    expect(
      chunks.some((chunk) => 'usage' in chunk && chunk.usage !== null && chunk.usage !== undefined),
    ).toBe(false);
    expect(chunks.some((chunk) => 'choices' in chunk && chunk.choices.length === 0)).toBe(false);
  });
});
