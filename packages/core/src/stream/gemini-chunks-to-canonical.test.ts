import { describe, expect, it } from 'vitest';
import { decodeGeminiState } from '../convert/gemini/gemini-provider-state.js';
import { flattenBatches } from './batches.js';
import type { CanonicalStreamEvent } from './canonical-stream-event.js';
import { canonicalToChatChunks } from './canonical-to-chat-chunks.js';
import { canonicalToResponsesEvents } from './canonical-to-responses-events.js';
import { decodeSseBatches } from './decode-sse.js';
import { decodeGeminiChunkBatches, geminiChunkBatchesToCanonical } from './gemini-chunks-to-canonical.js';
import { chunked, collect, fixtureBytes, responseSkeleton } from './test-kit.case.js';

// Recorded-style Gemini streams (our own transcripts, CRLF-framed as Gemini sends them) through the
// real SSE decoder, then the Gemini decoder; cases G-… of docs/protocol/gemini.md.
const model = 'gemini-3-flash';

function decode(bytes: Uint8Array): AsyncIterable<CanonicalStreamEvent> {
  return flattenBatches(
    geminiChunkBatchesToCanonical(decodeGeminiChunkBatches(decodeSseBatches(chunked(bytes))), { model }),
  );
}

function fixtureEvents(name: string): Promise<CanonicalStreamEvent[]> {
  return collect(decode(fixtureBytes(name)));
}

async function* replay(events: readonly CanonicalStreamEvent[]): AsyncIterable<CanonicalStreamEvent> {
  yield* events;
}

function types(events: readonly CanonicalStreamEvent[]): string[] {
  return events.map((event) => event.type);
}

describe('Gemini stream → canonical events', () => {
  it('G-45: a call alone, then STOP in a trailing empty chunk → one whole call, tool_calls, usage', async () => {
    const events = await fixtureEvents('gemini-trailing-stop.sse');
    expect(types(events)).toEqual([
      'response-start',
      'tool-call-start',
      'tool-call-delta',
      'tool-call-end',
      'finish',
    ]);
    const start = events[1] as Extract<CanonicalStreamEvent, { type: 'tool-call-start' }>;
    expect(start.callId).toBe('k3v9x2ab');
    expect(decodeGeminiState(start.providerState ?? '')).toEqual({
      family: 'gemini-3-flash',
      signature: 'c2lnLTE=',
      geminiId: 'k3v9x2ab',
    });
    expect(events.at(-1)).toEqual({
      type: 'finish',
      finishReason: 'tool_calls',
      usage: { inputTokens: 120, outputTokens: 45, totalTokens: 165, cachedTokens: 60, reasoningTokens: 31 },
    });
    expect(events[0]).toMatchObject({ id: 'r-trail', model: 'gemini-3-flash-preview' });
  });

  it('G-45 on the wire: Chat gets finish_reason tool_calls and no empty content chunk', async () => {
    const chunks = await collect(
      canonicalToChatChunks(decode(fixtureBytes('gemini-trailing-stop.sse')), {
        id: 'chatcmpl-x',
        created: 1,
        model,
        includeUsage: false,
      }),
    );
    const deltas = chunks.flatMap((chunk) => ('choices' in chunk ? chunk.choices : []));
    expect(deltas.some((choice) => choice.delta.content === '')).toBe(false);
    expect(deltas.at(-1)?.finish_reason).toBe('tool_calls');
    const header = deltas.find((choice) => choice.delta.tool_calls?.[0]?.id !== undefined);
    expect(header?.delta.tool_calls?.[0]?.extra_content?.google?.thought_signature).toMatch(/^tb1\.gemini\./);
  });

  it('G-46: parallel calls in separate chunks get indices 0 and 1; the re-send produces nothing', async () => {
    const events = await fixtureEvents('gemini-parallel-split-resend.sse');
    const starts = events.filter((event) => event.type === 'tool-call-start');
    expect(starts.map((event) => event.callId)).toEqual(['c1aaaaaa', 'c2bbbbbb']);
    const ends = events.filter((event) => event.type === 'tool-call-end');
    expect(ends.map((event) => JSON.parse(event.arguments))).toEqual([{ path: 'a.txt' }, { path: 'b.txt' }]);
    const chunks = await collect(
      canonicalToChatChunks(replay(events), { id: 'c', created: 1, model, includeUsage: false }),
    );
    const indices = chunks.flatMap((chunk) =>
      'choices' in chunk
        ? chunk.choices.flatMap((choice) => choice.delta.tool_calls ?? []).map((call) => call.index)
        : [],
    );
    expect(indices).toEqual([0, 0, 1, 1]);
  });

  it('G-47: two calls in one chunk without ids → two distinct stable synthetic ids, {} for missing args', async () => {
    const first = await fixtureEvents('gemini-parallel-no-ids.sse');
    const again = await fixtureEvents('gemini-parallel-no-ids.sse');
    const ids = (events: CanonicalStreamEvent[]) =>
      events.flatMap((event) => (event.type === 'tool-call-start' ? [event.callId] : []));
    expect(ids(first)).toHaveLength(2);
    expect(new Set(ids(first)).size).toBe(2);
    for (const id of ids(first)) expect(id).toMatch(/^call_[A-Za-z0-9]{24}$/);
    // Deterministic: the same answer decodes to the same ids.
    expect(ids(again)).toEqual(ids(first));
    const ends = first.filter((event) => event.type === 'tool-call-end');
    expect(ends.map((event) => event.arguments)).toEqual(['{"city":"Paris"}', '{}']);
    // Only the first call carried a signature; the second has no provider state (no id, no signature).
    const starts = first.filter((event) => event.type === 'tool-call-start');
    expect(starts[0]?.providerState).toMatch(/^tb1\.gemini\.gemini-3-flash\./);
    expect(starts[1]?.providerState).toBeUndefined();
  });

  it('G-48: text then a call → the text item ends before the call; Responses closes the message first', async () => {
    const events = await fixtureEvents('gemini-text-then-call.sse');
    expect(types(events)).toEqual([
      'response-start',
      'text-start',
      'text-delta',
      'text-delta',
      'text-end',
      'tool-call-start',
      'tool-call-delta',
      'tool-call-end',
      'finish',
    ]);
    const wire = await collect(canonicalToResponsesEvents(replay(events), { response: responseSkeleton() }));
    const order = wire.map((event) => event.type);
    expect(order.indexOf('response.output_item.done')).toBeLessThan(
      order.lastIndexOf('response.output_item.added'),
    );
    const completed = wire.at(-1) as { response?: { output?: Array<Record<string, unknown>> } };
    expect(completed.response?.output?.map((item) => item['type'])).toEqual(['message', 'function_call']);
    expect(completed.response?.output?.[1]?.['provider_state']).toMatch(/^tb1\.gemini\./);
  });

  it('G-49: a text answer whose signature comes last on an empty part → no empty text delta', async () => {
    const events = await fixtureEvents('gemini-text-late-signature.sse');
    const deltas = events.flatMap((event) => (event.type === 'text-delta' ? [event.delta] : []));
    expect(deltas).toEqual(['Paris is ', 'sunny today.']);
    expect(events.at(-1)).toMatchObject({ type: 'finish', finishReason: 'stop' });
  });

  it('G-50: LF framing decodes exactly like the CRLF framing Gemini sends', async () => {
    for (const name of ['gemini-text-then-call.sse', 'gemini-parallel-split-resend.sse']) {
      const crlf = fixtureBytes(name);
      const lf = new TextEncoder().encode(new TextDecoder().decode(crlf).replaceAll('\r\n', '\n'));
      const strip = (events: CanonicalStreamEvent[]) =>
        events.map((event) => (event.type === 'response-start' ? { ...event, createdAt: 0 } : event));
      expect(strip(await collect(decode(lf)))).toEqual(strip(await collect(decode(crlf))));
    }
  });

  it('G-51: two candidates → only candidate 0, nothing of candidate 1', async () => {
    const events = await fixtureEvents('gemini-two-candidates.sse');
    const text = events.flatMap((event) => (event.type === 'text-delta' ? [event.delta] : [])).join('');
    expect(text).toBe('zero answer');
    expect(events.some((event) => event.type === 'tool-call-start')).toBe(false);
    expect(events.at(-1)).toMatchObject({ finishReason: 'stop' });
  });

  it('G-52: an error object mid-stream ends the stream with an error, never a finish', async () => {
    const events = await fixtureEvents('gemini-error-midstream.sse');
    expect(types(events)).toEqual(['response-start', 'text-start', 'text-delta', 'error']);
    expect(events.at(-1)).toMatchObject({
      type: 'error',
      error: {
        type: 'server_error',
        code: 'upstream_error',
        message: expect.stringContaining('UNAVAILABLE 503'),
      },
    });
  });

  it('G-35: MALFORMED_FUNCTION_CALL with nothing before it → an error first (the gateway can retry)', async () => {
    const events = await fixtureEvents('gemini-malformed-call.sse');
    expect(types(events)).toEqual(['error']);
    expect(events[0]).toMatchObject({ error: { code: 'malformed_function_call' } });
  });

  it('G-34: a blocked prompt → content_filter with no items', async () => {
    const events = await fixtureEvents('gemini-blocked-prompt.sse');
    expect(types(events)).toEqual(['response-start', 'finish']);
    expect(events[1]).toMatchObject({ finishReason: 'content_filter' });
  });

  it('a stream cut before any finishReason is an error, not a silent stop', async () => {
    const bytes = fixtureBytes('gemini-trailing-stop.sse');
    const text = new TextDecoder().decode(bytes);
    const cut = new TextEncoder().encode(text.slice(0, text.indexOf('\r\n\r\n') + 4));
    const events = await collect(decode(cut));
    expect(events.at(-1)).toMatchObject({ type: 'error', error: { code: 'invalid_stream' } });
  });
});
