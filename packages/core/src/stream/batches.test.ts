import fc from 'fast-check';
import { describe, expect, it, onTestFinished, vi } from 'vitest';
import { CoreError } from '../errors/core-error.js';
import type { ResponsesStreamEvent } from '../protocol/responses/types.js';
import { flattenBatches } from './batches.js';
import type { CanonicalStreamEvent } from './canonical-stream-event.js';
import {
  type ChatStreamPayload,
  canonicalBatchesToChatChunks,
  canonicalToChatChunks,
} from './canonical-to-chat-chunks.js';
import {
  canonicalBatchesToResponsesEvents,
  canonicalToResponsesEvents,
} from './canonical-to-responses-events.js';
import { chatChunkBatchesToCanonical, chatChunksToCanonical } from './chat-chunks-to-canonical.js';
import { decodeChatChunkBatches, decodeChatChunks } from './decode-chat-chunks.js';
import { decodeResponsesEventBatches, decodeResponsesEvents } from './decode-responses-events.js';
import { decodeSse, decodeSseBatches } from './decode-sse.js';
import { encodeChatSse } from './encode-chat-sse.js';
import {
  responsesEventBatchesToCanonical,
  responsesEventsToCanonical,
} from './responses-events-to-canonical.js';
import { collect, fixtureBytes, fixtureNames, fromArray, responseSkeleton } from './test-kit.case.js';

const CHAT_FIXTURES = fixtureNames('chat-');
const RESPONSES_FIXTURES = [
  'responses-done-only-arguments.sse',
  'responses-failed.sse',
  'responses-incomplete.sse',
  'responses-reasoning-call.sse',
  'responses-text-then-call.sse',
  'responses-text.sse',
  'responses-two-calls.sse',
];

/** Splits `bytes` at the given cut points (the arbitrary network reads). */
async function* readsAt(bytes: Uint8Array, cuts: number[]): AsyncIterable<Uint8Array> {
  let from = 0;
  for (const cut of [...new Set(cuts)].sort((a, b) => a - b)) {
    if (cut > from && cut < bytes.length) {
      yield bytes.subarray(from, cut);
      from = cut;
    }
  }
  yield bytes.subarray(from);
}

/** Generated item ids differ between two runs; everything else must match. */
function withoutGeneratedIds(events: readonly ResponsesStreamEvent[]): unknown {
  return JSON.parse(JSON.stringify(events).replace(/(msg|fc)_[0-9a-f]{48}/g, '$1_ID'));
}

const CHAT_OPTIONS = { id: 'chatcmpl-x', created: 1, model: 'm', includeUsage: true };

const chunk = (delta: object, finishReason: string | null = null) =>
  encodeChatSse({
    id: 'c',
    object: 'chat.completion.chunk',
    created: 1,
    model: 'm',
    choices: [{ index: 0, delta, finish_reason: finishReason }],
  });

type Payload = Awaited<ReturnType<typeof collect<ChatStreamPayload>>>[number];

/** The text, refusal or arguments fragment a chunk carries alone, with its key; undefined otherwise. */
function fragmentOf(payload: Payload): { key: string; text: string } | undefined {
  if ('error' in payload) return undefined;
  const delta = payload.choices[0]?.delta as Record<string, unknown> | undefined;
  if (delta === undefined || payload.choices[0]?.finish_reason !== null) return undefined;
  const keys = Object.keys(delta);
  if (keys.length !== 1) return undefined;
  const [key] = keys as [string];
  if ((key === 'content' || key === 'refusal') && typeof delta[key] === 'string')
    return { key, text: delta[key] as string };
  const calls = delta['tool_calls'] as Array<Record<string, unknown>> | undefined;
  const call = calls?.length === 1 ? calls[0] : undefined;
  const fn = call?.['function'] as Record<string, unknown> | undefined;
  if (
    call === undefined ||
    Object.keys(call).length !== 2 ||
    fn === undefined ||
    Object.keys(fn).length !== 1
  )
    return undefined;
  return { key: `call:${String(call['index'])}`, text: String(fn['arguments']) };
}

/** Merges runs of chunks that each carry one fragment of the same kind (for comparing streams). */
function mergeAdjacentDeltas(payloads: Payload[]): Array<Payload | { merged: string; text: string }> {
  const out: Array<Payload | { merged: string; text: string }> = [];
  for (const payload of payloads) {
    const fragment = fragmentOf(payload);
    const last = out.at(-1);
    if (fragment !== undefined && last !== undefined && 'merged' in last && last.merged === fragment.key) {
      last.text += fragment.text;
    } else out.push(fragment === undefined ? payload : { merged: fragment.key, text: fragment.text });
  }
  return out;
}

describe('batched stream functions', () => {
  it('give, flattened, exactly what the single-event functions give, however the bytes are read', async () => {
    // The Responses writers stamp `completed_at` from the clock: a run that straddles a second
    // boundary would compare two different stamps, so the clock stands still here.
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-01-01T00:00:00.500Z'));
    onTestFinished(() => {
      vi.useRealTimers();
    });
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...CHAT_FIXTURES),
        fc.array(fc.nat({ max: 4_000 }), { maxLength: 12 }),
        async (name, cuts) => {
          const bytes = fixtureBytes(name);
          const single = await collect(
            chatChunksToCanonical(decodeChatChunks(decodeSse(readsAt(bytes, cuts)))),
          );
          const batches = await collect(
            chatChunkBatchesToCanonical(decodeChatChunkBatches(decodeSseBatches(readsAt(bytes, cuts)))),
          );
          expect(batches.every((batch) => batch.length > 0)).toBe(true);
          expect(batches.flat()).toEqual(single);
          // Deltas that arrive in one batch go out as one chunk: the same stream once adjacent deltas merge.
          expect(
            mergeAdjacentDeltas(
              await collect(flattenBatches(canonicalBatchesToChatChunks(fromArray(batches), CHAT_OPTIONS))),
            ),
          ).toEqual(
            mergeAdjacentDeltas(await collect(canonicalToChatChunks(fromArray(single), CHAT_OPTIONS))),
          );
          const options = { response: responseSkeleton() };
          expect(
            withoutGeneratedIds(
              await collect(flattenBatches(canonicalBatchesToResponsesEvents(fromArray(batches), options))),
            ),
          ).toEqual(
            withoutGeneratedIds(await collect(canonicalToResponsesEvents(fromArray(single), options))),
          );
        },
      ),
      { numRuns: 60 },
    );
  });

  it('decode Responses upstreams the same batched as one by one', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...RESPONSES_FIXTURES),
        fc.array(fc.nat({ max: 6_000 }), { maxLength: 12 }),
        async (name, cuts) => {
          const bytes = fixtureBytes(name);
          const single = await collect(
            responsesEventsToCanonical(decodeResponsesEvents(decodeSse(readsAt(bytes, cuts)))),
          );
          const batches = await collect(
            responsesEventBatchesToCanonical(
              decodeResponsesEventBatches(decodeSseBatches(readsAt(bytes, cuts))),
            ),
          );
          expect(batches.every((batch) => batch.length > 0)).toBe(true);
          expect(batches.flat()).toEqual(single);
        },
      ),
      { numRuns: 40 },
    );
  });

  it('make one batch of everything one read completes, and nothing of a read that completes nothing', async () => {
    const frames = [chunk({ role: 'assistant', content: '' }), chunk({ content: 'Hi' }), chunk({}, 'stop')];
    const text = frames.join('');
    const reads = [text.slice(0, 5), text.slice(5, frames[0]?.length), text.slice(frames[0]?.length)];
    const messages = await collect(decodeSseBatches(fromArray(reads)));
    expect(messages.map((batch) => batch.length)).toEqual([1, 2]);
    const events = await collect(chatChunkBatchesToCanonical(decodeChatChunkBatches(fromArray(messages))));
    // Read 1 released the start (empty content opens no item); read 2 the text item; the finish waits
    // for usage until the input ends, so it comes in a batch of its own.
    expect(events.map((batch) => batch.map((event) => event.type))).toEqual([
      ['response-start'],
      ['text-start', 'text-delta', 'text-end'],
      ['finish'],
    ]);
  });

  it('release what came before a malformed payload in the same read, then the error', async () => {
    const text = `${chunk({ role: 'assistant', content: 'a' })}data: {broken\n\n${chunk({ content: 'b' })}`;
    const batches = await collect(
      chatChunkBatchesToCanonical(decodeChatChunkBatches(decodeSseBatches(fromArray([text])))),
    );
    expect(batches).toHaveLength(2);
    expect(batches[0]?.map((event) => event.type)).toEqual(['response-start', 'text-start', 'text-delta']);
    expect(batches[1]).toEqual([
      expect.objectContaining({ type: 'error', error: expect.objectContaining({ code: 'invalid_stream' }) }),
    ]);
  });

  it('stop at [DONE] inside a read without reading further', async () => {
    let reads = 0;
    async function* body(): AsyncIterable<string> {
      reads += 1;
      yield `${chunk({ content: 'a' }, 'stop')}data: [DONE]\n\n${chunk({ content: 'after' })}`;
      reads += 1;
      yield chunk({ content: 'never' });
    }
    const payloads = await collect(decodeChatChunkBatches(decodeSseBatches(body())));
    expect(payloads).toHaveLength(1);
    expect(payloads[0]).toHaveLength(1);
    expect(reads).toBe(1);
  });

  it('deliver the messages completed before an oversized event, then fail', async () => {
    const source = fromArray([`data: {"a":1}\n\ndata: ${'x'.repeat(100)}`]);
    const iterator = decodeSseBatches(source, { maxEventChars: 50 })[Symbol.asyncIterator]();
    expect((await iterator.next()).value).toEqual([{ data: '{"a":1}' }]);
    await expect(iterator.next()).rejects.toSatisfy(
      (error) => CoreError.isInstance(error) && error.code === 'stream_limit_exceeded',
    );
  });

  it('send the Responses terminal event alone, after onBeforeTerminal, with the closing events before it', async () => {
    const order: string[] = [];
    const input: CanonicalStreamEvent[][] = [
      [
        { type: 'response-start', id: 'r', model: 'm', createdAt: 1 },
        { type: 'tool-call-start', callId: 'call_1', name: 'f' },
        { type: 'tool-call-delta', delta: '{}' },
        { type: 'tool-call-end', arguments: '{}' },
        { type: 'finish', finishReason: 'tool_calls', usage: null },
      ],
    ];
    for await (const batch of canonicalBatchesToResponsesEvents(fromArray(input), {
      response: responseSkeleton(),
      onBeforeTerminal: () => {
        order.push('stored');
      },
    })) {
      order.push(batch.map((event) => event.type).join(','));
    }
    expect(order).toEqual([
      'response.created,response.in_progress,response.output_item.added,response.function_call_arguments.delta,' +
        'response.function_call_arguments.done,response.output_item.done',
      'stored',
      'response.completed',
    ]);
  });

  it('with terminalJoinsLastBatch, hold the finishing batch until after onBeforeTerminal and send it with the terminal event', async () => {
    const order: string[] = [];
    const input: CanonicalStreamEvent[][] = [
      [
        { type: 'response-start', id: 'r', model: 'm', createdAt: 1 },
        { type: 'tool-call-start', callId: 'call_1', name: 'f' },
      ],
      [
        { type: 'tool-call-delta', delta: '{}' },
        { type: 'tool-call-end', arguments: '{}' },
        { type: 'finish', finishReason: 'tool_calls', usage: null },
      ],
    ];
    const batches: string[][] = [];
    for await (const batch of canonicalBatchesToResponsesEvents(fromArray(input), {
      response: responseSkeleton(),
      terminalJoinsLastBatch: true,
      onBeforeTerminal: () => {
        order.push(`stored after ${batches.length} batch(es)`);
      },
    })) {
      batches.push(batch.map((event) => event.type));
    }
    expect(order).toEqual(['stored after 1 batch(es)']);
    expect(batches).toEqual([
      ['response.created', 'response.in_progress', 'response.output_item.added'],
      [
        'response.function_call_arguments.delta',
        'response.function_call_arguments.done',
        'response.output_item.done',
        'response.completed',
      ],
    ]);
  });

  it('with terminalJoinsLastBatch, a failing onBeforeTerminal still gives the held events, then error + response.failed', async () => {
    const input: CanonicalStreamEvent[][] = [
      [
        { type: 'response-start', id: 'r', model: 'm', createdAt: 1 },
        { type: 'tool-call-start', callId: 'call_1', name: 'f' },
        { type: 'tool-call-delta', delta: '{}' },
        { type: 'tool-call-end', arguments: '{}' },
        { type: 'finish', finishReason: 'tool_calls', usage: null },
      ],
    ];
    const batches = await collect(
      canonicalBatchesToResponsesEvents(fromArray(input), {
        response: responseSkeleton(),
        terminalJoinsLastBatch: true,
        onBeforeTerminal: () => {
          throw new Error('disk full');
        },
      }),
    );
    const types = batches.flat().map((event) => event.type);
    expect(types).toEqual([
      'response.created',
      'response.in_progress',
      'response.output_item.added',
      'response.function_call_arguments.delta',
      'response.function_call_arguments.done',
      'response.output_item.done',
      'error',
      'response.failed',
    ]);
    const sequence = batches.flat().map((event) => event.sequence_number);
    expect(sequence).toEqual(sequence.map((_, index) => index));
  });

  it('send the deltas of one Chat batch as one chunk, and deltas of separate batches apart', async () => {
    const input: CanonicalStreamEvent[][] = [
      [
        { type: 'response-start', id: 'r', model: 'm', createdAt: 1 },
        { type: 'tool-call-start', callId: 'call_1', name: 'f' },
        { type: 'tool-call-delta', delta: '{"a"' },
        { type: 'tool-call-delta', delta: ':1' },
      ],
      [{ type: 'tool-call-delta', delta: '}' }],
      [
        { type: 'tool-call-end', arguments: '{"a":1}' },
        { type: 'tool-call-start', callId: 'call_2', name: 'g' },
        { type: 'tool-call-delta', delta: '{}' },
        { type: 'tool-call-end', arguments: '{}' },
        { type: 'finish', finishReason: 'tool_calls', usage: null },
      ],
    ];
    const batches = await collect(
      canonicalBatchesToChatChunks(fromArray(input), { ...CHAT_OPTIONS, includeUsage: false }),
    );
    const calls = batches.map((batch) =>
      batch.flatMap((payload) => ('error' in payload ? [] : (payload.choices[0]?.delta.tool_calls ?? []))),
    );
    expect(calls).toEqual([
      [
        { index: 0, id: 'call_1', type: 'function', function: { name: 'f', arguments: '' } },
        { index: 0, function: { arguments: '{"a":1' } },
      ],
      [{ index: 0, function: { arguments: '}' } }],
      [
        { index: 1, id: 'call_2', type: 'function', function: { name: 'g', arguments: '' } },
        { index: 1, function: { arguments: '{}' } },
      ],
    ]);
  });

  it('end a Chat batch at the finish, ignoring what follows it', async () => {
    const input: CanonicalStreamEvent[][] = [
      [
        { type: 'response-start', id: 'r', model: 'm', createdAt: 1 },
        { type: 'text-start' },
        { type: 'text-delta', delta: 'hi' },
        { type: 'text-end' },
        { type: 'finish', finishReason: 'stop', usage: null },
        { type: 'text-delta', delta: 'late' },
      ],
      [{ type: 'text-delta', delta: 'later' }],
    ];
    const batches = await collect(
      canonicalBatchesToChatChunks(fromArray(input), { ...CHAT_OPTIONS, includeUsage: false }),
    );
    expect(batches).toHaveLength(1);
    expect(JSON.stringify(batches)).not.toContain('late');
  });
});
