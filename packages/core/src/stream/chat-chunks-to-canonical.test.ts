import { describe, expect, it } from 'vitest';
import type { CanonicalStreamEvent } from './canonical-stream-event.js';
import { chatChunksToCanonical } from './chat-chunks-to-canonical.js';
import { chatFixture, collect, fromArray } from './test-kit.case.js';

const decode = (name: string) => collect(chatChunksToCanonical(chatFixture(name)));

function chunk(delta: object, finishReason: string | null = null, extra: object = {}): object {
  return {
    id: 'chatcmpl-1',
    object: 'chat.completion.chunk',
    created: 1,
    model: 'm',
    choices: [{ index: 0, delta, finish_reason: finishReason }],
    ...extra,
  };
}
const call = (index: number | undefined, fields: object) => ({
  tool_calls: [{ ...(index === undefined ? {} : { index }), ...fields }],
});
const start: CanonicalStreamEvent = { type: 'response-start', id: 'chatcmpl-1', model: 'm', createdAt: 1 };
const run = (chunks: object[], limits = {}) => collect(chatChunksToCanonical(fromArray(chunks), { limits }));
const lastOf = (events: CanonicalStreamEvent[]) => events.at(-1);

describe('chatChunksToCanonical over recorded shapes (docs/protocol/chat-completions.md#streaming)', () => {
  it('text stream', async () => {
    expect(await decode('chat-text.sse')).toEqual([
      {
        type: 'response-start',
        id: 'chatcmpl-ABfwText00000000000000000001',
        model: 'gpt-4o-2024-08-06',
        createdAt: 1727346178,
        // Every chunk of the recording carries it; the Chat encoder puts it back on its chunks.
        systemFingerprint: 'fp_5050236cbd',
      },
      { type: 'text-start' },
      { type: 'text-delta', delta: 'Hello' },
      { type: 'text-delta', delta: ' from Paris' },
      { type: 'text-delta', delta: ' ☀️!' },
      { type: 'text-end' },
      { type: 'finish', finishReason: 'stop', usage: null },
    ]);
  });

  it('one call', async () => {
    expect((await decode('chat-one-call.sse')).slice(1)).toEqual([
      { type: 'tool-call-start', callId: 'call_JMW1whyEaYG438VE1OIflxA2', name: 'get_weather' },
      { type: 'tool-call-delta', delta: '{"ci' },
      { type: 'tool-call-delta', delta: 'ty":"Pa' },
      { type: 'tool-call-delta', delta: 'ris"}' },
      { type: 'tool-call-end', arguments: '{"city":"Paris"}' },
      { type: 'finish', finishReason: 'tool_calls', usage: null },
    ]);
  });

  it('two parallel calls stream live, the first ending when the second starts', async () => {
    const events = await decode('chat-two-parallel-calls.sse');
    expect(events.map((event) => event.type)).toEqual([
      'response-start',
      'tool-call-start',
      ...Array(4).fill('tool-call-delta'),
      'tool-call-end',
      'tool-call-start',
      'tool-call-delta',
      'tool-call-delta',
      'tool-call-end',
      'finish',
    ]);
    expect(events.filter((event) => event.type === 'tool-call-end')).toEqual([
      { type: 'tool-call-end', arguments: '{"city": "Edinburgh", "country": "UK"}' },
      { type: 'tool-call-end', arguments: '{"ticker": "AAPL"}' },
    ]);
  });

  it('folds the usage chunk into finish', async () => {
    expect(lastOf(await decode('chat-usage.sse'))).toEqual({
      type: 'finish',
      finishReason: 'stop',
      usage: { inputTokens: 149, outputTokens: 60, totalTokens: 209, cachedTokens: 128, reasoningTokens: 12 },
    });
  });

  it('turns an error payload mid-stream into a final error event', async () => {
    const events = await decode('chat-error-mid-stream.sse');
    expect(events.map((event) => event.type)).toEqual([
      'response-start',
      'text-start',
      'text-delta',
      'text-delta',
      'error',
    ]);
    expect(lastOf(events)).toEqual({
      type: 'error',
      error: {
        message: 'The server had an error while processing your request. Sorry about that!',
        type: 'server_error',
        code: null,
        param: null,
      },
    });
  });

  it('keys Ollama calls without index by id (CRLF transcript)', async () => {
    expect((await decode('chat-ollama-no-index.sse')).slice(1)).toEqual([
      { type: 'tool-call-start', callId: 'call_k3j1x9ve', name: 'get_weather' },
      { type: 'tool-call-delta', delta: '{"city":"Paris"}' },
      { type: 'tool-call-end', arguments: '{"city":"Paris"}' },
      { type: 'tool-call-start', callId: 'call_p0q8z2mc', name: 'get_time' },
      { type: 'tool-call-delta', delta: '{"timezone":"Europe/Paris"}' },
      { type: 'tool-call-end', arguments: '{"timezone":"Europe/Paris"}' },
      { type: 'finish', finishReason: 'tool_calls', usage: null },
    ]);
  });

  it('re-serializes interleaved calls: call 1 is held until call 0 ends', async () => {
    expect((await decode('chat-interleaved-calls.sse')).slice(1)).toEqual([
      { type: 'tool-call-start', callId: 'call_A1', name: 'get_weather' },
      { type: 'tool-call-delta', delta: '{"city":' },
      { type: 'tool-call-delta', delta: '"Paris"}' },
      { type: 'tool-call-end', arguments: '{"city":"Paris"}' },
      { type: 'tool-call-start', callId: 'call_B2', name: 'get_time' },
      { type: 'tool-call-delta', delta: '{"zone":' },
      { type: 'tool-call-delta', delta: '"CET"}' },
      { type: 'tool-call-end', arguments: '{"zone":"CET"}' },
      { type: 'finish', finishReason: 'tool_calls', usage: null },
    ]);
  });

  it('never reports the call of a truncated stream as complete', async () => {
    const events = await decode('chat-truncated.sse');
    expect(events.map((event) => event.type)).toEqual([
      'response-start',
      'tool-call-start',
      'tool-call-delta',
      'error',
    ]);
    expect(lastOf(events)).toMatchObject({
      error: { code: 'invalid_stream', message: expect.stringContaining('truncated') },
    });
  });
});

describe('chatChunksToCanonical accumulator rules (chat-completions.md, reading upstream streams)', () => {
  it('synthesizes a missing id and reports "" arguments as "{}"', async () => {
    const events = await run([
      chunk({ role: 'assistant' }),
      chunk(call(0, { function: { name: 'ping', arguments: '' } })),
      chunk({}, 'tool_calls'),
    ]);
    expect(events[1]).toEqual({
      type: 'tool-call-start',
      callId: expect.stringMatching(/^call_[A-Za-z0-9]{24}$/),
      name: 'ping',
    });
    expect(events[2]).toEqual({ type: 'tool-call-end', arguments: '{}' });
  });

  it('tolerates a repeated identical id and name without concatenating them', async () => {
    const events = await run([
      chunk(call(0, { id: 'call_1', type: 'function', function: { name: 'f', arguments: '{"a"' } })),
      chunk(call(0, { id: 'call_1', type: 'function', function: { name: 'f', arguments: ':1}' } })),
      chunk({}, 'tool_calls'),
    ]);
    expect(events.slice(1, 5)).toEqual([
      { type: 'tool-call-start', callId: 'call_1', name: 'f' },
      { type: 'tool-call-delta', delta: '{"a"' },
      { type: 'tool-call-delta', delta: ':1}' },
      { type: 'tool-call-end', arguments: '{"a":1}' },
    ]);
  });

  it.each([
    ['id', { id: 'call_2' }],
    ['name', { function: { name: 'g' } }],
  ])('rejects a call whose %s changes mid-stream', async (_field, change) => {
    const events = await run([
      chunk(call(0, { id: 'call_1', function: { name: 'f', arguments: '{' } })),
      chunk(call(0, change)),
    ]);
    expect(lastOf(events)).toMatchObject({ type: 'error', error: { code: 'tool_call_identity_changed' } });
    expect(events.some((event) => event.type === 'tool-call-end')).toBe(false);
  });

  it('rejects a later id on a call whose id had to be synthesized', async () => {
    const events = await run([
      chunk(call(0, { function: { name: 'f', arguments: '{' } })),
      chunk(call(0, { id: 'call_late' })),
    ]);
    expect(lastOf(events)).toMatchObject({ error: { code: 'tool_call_identity_changed' } });
  });

  it('falls back to the last call when a delta has neither index nor id', async () => {
    const events = await run([
      chunk(call(undefined, { id: 'call_1', function: { name: 'f', arguments: '{"a":' } })),
      chunk(call(undefined, { function: { arguments: '2}' } })),
      chunk({}, 'tool_calls'),
    ]);
    expect(events.find((event) => event.type === 'tool-call-end')).toEqual({
      type: 'tool-call-end',
      arguments: '{"a":2}',
    });
  });

  it('fails when index-less fragments interleave between calls, instead of splicing them (scripted #no-index #interleave)', async () => {
    const events = await run([
      chunk(call(undefined, { id: 'call_1', function: { name: 'f', arguments: '' } })),
      chunk(call(undefined, { id: 'call_2', function: { name: 'f', arguments: '' } })),
      chunk(call(undefined, { function: { arguments: '{"city":' } })),
      chunk(call(undefined, { function: { arguments: '{"city":' } })),
      chunk(call(undefined, { function: { arguments: '"Paris"}' } })),
      chunk(call(undefined, { function: { arguments: '"Oslo"}' } })),
      chunk({}, 'tool_calls'),
    ]);
    expect(events.some((event) => event.type === 'tool-call-end')).toBe(false);
    expect(lastOf(events)).toMatchObject({ type: 'error', error: { code: 'invalid_stream' } });
  });

  it('still takes index-less calls sent one after another, each closed before the next', async () => {
    const events = await run([
      chunk(call(undefined, { id: 'call_1', function: { name: 'f', arguments: '' } })),
      chunk(call(undefined, { function: { arguments: '{"city":"Paris"}' } })),
      chunk(call(undefined, { id: 'call_2', function: { name: 'f', arguments: '' } })),
      chunk(call(undefined, { function: { arguments: '{"city":"Oslo"}' } })),
      chunk({}, 'tool_calls'),
    ]);
    expect(events.filter((event) => event.type === 'tool-call-end')).toEqual([
      { type: 'tool-call-end', arguments: '{"city":"Paris"}' },
      { type: 'tool-call-end', arguments: '{"city":"Oslo"}' },
    ]);
  });

  it('waits for a name that arrives after the first delta', async () => {
    const events = await run([
      chunk(call(0, { id: 'call_1', function: { arguments: '{"x"' } })),
      chunk(call(0, { function: { name: 'late', arguments: ':1}' } })),
      chunk({}, 'tool_calls'),
    ]);
    expect(events.slice(1, 4)).toEqual([
      { type: 'tool-call-start', callId: 'call_1', name: 'late' },
      { type: 'tool-call-delta', delta: '{"x":1}' },
      { type: 'tool-call-end', arguments: '{"x":1}' },
    ]);
  });

  it('enforces the argument byte and depth limits', async () => {
    const big = await run(
      [chunk(call(0, { id: 'c', function: { name: 'f', arguments: `"${'x'.repeat(40)}"` } }))],
      {
        maxArgumentBytes: 32,
      },
    );
    expect(lastOf(big)).toMatchObject({
      error: { code: 'stream_limit_exceeded', message: expect.stringContaining('32 bytes') },
    });
    const deep = await run(
      [chunk(call(0, { id: 'c', function: { name: 'f', arguments: '{"a":'.repeat(5) } }))],
      {
        maxArgumentDepth: 4,
      },
    );
    expect(lastOf(deep)).toMatchObject({
      error: { code: 'stream_limit_exceeded', message: expect.stringContaining('4 levels') },
    });
  });

  it('limits the number of calls', async () => {
    const calls = [0, 1, 2].map((index) =>
      chunk(call(index, { id: `c${index}`, function: { name: 'f', arguments: '{}' } })),
    );
    expect(lastOf(await run(calls, { maxToolCalls: 2 }))).toMatchObject({
      error: { code: 'stream_limit_exceeded' },
    });
  });

  it('maps a legacy function_call delta and finish to a tool call', async () => {
    const events = await run([
      chunk({ role: 'assistant', content: null, function_call: { name: 'legacy', arguments: '{"q"' } }),
      chunk({ function_call: { arguments: ':1}' } }),
      chunk({}, 'function_call'),
    ]);
    expect(events.slice(1)).toEqual([
      { type: 'tool-call-start', callId: expect.stringMatching(/^call_/), name: 'legacy' },
      { type: 'tool-call-delta', delta: '{"q"' },
      { type: 'tool-call-delta', delta: ':1}' },
      { type: 'tool-call-end', arguments: '{"q":1}' },
      { type: 'finish', finishReason: 'tool_calls', usage: null },
    ]);
  });

  it('ignores choices other than index 0', async () => {
    const twoChoices = {
      ...(chunk({ content: 'zero' }) as Record<string, unknown>),
      choices: [
        { index: 1, delta: { content: 'one' }, finish_reason: null },
        { index: 0, delta: { content: 'zero' }, finish_reason: null },
      ],
    };
    const events = await run([twoChoices, chunk({}, 'stop')]);
    expect(events.filter((event) => event.type === 'text-delta')).toEqual([
      { type: 'text-delta', delta: 'zero' },
    ]);
  });

  it('holds text that follows an unfinished call until the call ends, then emits it', async () => {
    const events = await run([
      chunk(call(0, { id: 'c', function: { name: 'f', arguments: '{"a":' } })),
      chunk({ content: 'note' }),
      chunk(call(0, { function: { arguments: '1}' } })),
      chunk({}, 'tool_calls'),
    ]);
    expect(events.slice(1).map((event) => event.type)).toEqual([
      'tool-call-start',
      'tool-call-delta',
      'tool-call-delta',
      'tool-call-end',
      'text-start',
      'text-delta',
      'text-end',
      'finish',
    ]);
  });

  it('leaves the cut-off call open on finish_reason length', async () => {
    const events = await run([
      chunk(call(0, { id: 'c', function: { name: 'f', arguments: '{"a":' } })),
      chunk({}, 'length'),
    ]);
    expect(events.slice(1)).toEqual([
      { type: 'tool-call-start', callId: 'c', name: 'f' },
      { type: 'tool-call-delta', delta: '{"a":' },
      { type: 'finish', finishReason: 'length', usage: null },
    ]);
  });

  it('emits finish as soon as usage follows the finish_reason, reading no further', async () => {
    let readAfterUsage = false;
    async function* chunks(): AsyncIterable<object> {
      yield chunk({ content: 'hi' });
      yield chunk({}, 'stop');
      yield {
        ...(chunk({}) as object),
        choices: [],
        usage: { prompt_tokens: 1, completion_tokens: 2, total_tokens: 3 },
      };
      readAfterUsage = true;
    }
    const events = await collect(chatChunksToCanonical(chunks()));
    expect(lastOf(events)).toMatchObject({
      type: 'finish',
      usage: { inputTokens: 1, outputTokens: 2, totalTokens: 3 },
    });
    expect(readAfterUsage).toBe(false);
  });

  it('rejects a chunk that is not an object and a stream with no chunks', async () => {
    expect(await run([start as object, 'x' as unknown as object])).toContainEqual(
      expect.objectContaining({ type: 'error', error: expect.objectContaining({ code: 'invalid_stream' }) }),
    );
    expect(await run([])).toEqual([
      { type: 'error', error: expect.objectContaining({ code: 'invalid_stream' }) },
    ]);
  });

  it('lets errors that are not CoreErrors propagate', async () => {
    async function* failing(): AsyncIterable<object> {
      yield chunk({ content: 'a' });
      throw new TypeError('socket hang up');
    }
    await expect(collect(chatChunksToCanonical(failing()))).rejects.toThrow('socket hang up');
  });
});
