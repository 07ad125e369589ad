import { describe, expect, it } from 'vitest';
import type { ChatCompletionChunk } from '../protocol/chat/types.js';
import type { CanonicalStreamEvent } from './canonical-stream-event.js';
import {
  type CanonicalToChatChunksOptions,
  type ChatStreamPayload,
  canonicalBatchesToChatChunks,
  canonicalToChatChunks,
} from './canonical-to-chat-chunks.js';
import { encodeChatSse } from './encode-chat-sse.js';
import { collect, fromArray } from './test-kit.case.js';

const options: CanonicalToChatChunksOptions = {
  id: 'chatcmpl-test',
  created: 1700000000,
  model: 'gpt-test',
  includeUsage: false,
};
const start: CanonicalStreamEvent = { type: 'response-start', id: 'up', model: 'up-model', createdAt: 1 };
const usage = { inputTokens: 10, outputTokens: 5, totalTokens: 15, cachedTokens: 2, reasoningTokens: 1 };

const encode = (events: CanonicalStreamEvent[], overrides: Partial<CanonicalToChatChunksOptions> = {}) =>
  collect(canonicalToChatChunks(fromArray(events), { ...options, ...overrides }));

function chunks(payloads: ChatStreamPayload[]): ChatCompletionChunk[] {
  return payloads.filter((payload): payload is ChatCompletionChunk => !('error' in payload));
}
const deltas = (payloads: ChatStreamPayload[]) => chunks(payloads).map((chunk) => chunk.choices[0]?.delta);
const toolDeltas = (payloads: ChatStreamPayload[]) =>
  deltas(payloads).flatMap((delta) => delta?.tool_calls ?? []);

const textEvents: CanonicalStreamEvent[] = [
  start,
  { type: 'text-start' },
  { type: 'text-delta', delta: 'Hel' },
  { type: 'text-delta', delta: 'lo' },
  { type: 'text-end' },
  { type: 'finish', finishReason: 'stop', usage },
];
const callEvents = (callId: string, name: string, parts: string[]): CanonicalStreamEvent[] => [
  { type: 'tool-call-start', callId, name },
  ...parts.map((delta): CanonicalStreamEvent => ({ type: 'tool-call-delta', delta })),
  { type: 'tool-call-end', arguments: parts.join('') },
];

describe('canonicalToChatChunks (chat-completions.md#streaming, sdk-requirements.md C1–C8)', () => {
  it('case 23: text stream framing, identity and role', async () => {
    const payloads = await encode(textEvents);
    const frames = payloads.map((payload) => encodeChatSse(payload)).join('');
    expect(frames).not.toMatch(/^event:/m);
    expect(
      frames
        .split('\n\n')
        .filter(Boolean)
        .every((frame) => frame.startsWith('data: {')),
    ).toBe(true);
    for (const chunk of chunks(payloads)) {
      expect(chunk).toMatchObject({
        id: 'chatcmpl-test',
        object: 'chat.completion.chunk',
        created: 1700000000,
        model: 'gpt-test',
      });
      expect(chunk).not.toHaveProperty('usage');
    }
    expect(deltas(payloads)).toEqual([
      { role: 'assistant', content: '', refusal: null },
      { content: 'Hel' },
      { content: 'lo' },
      {},
    ]);
    expect(chunks(payloads).map((chunk) => chunk.choices[0]?.finish_reason)).toEqual([
      null,
      null,
      null,
      'stop',
    ]);
  });

  it('case 24: one call — the first delta carries identity, later ones only index and arguments', async () => {
    const payloads = await encode([
      start,
      ...callEvents('call_1', 'get_weather', ['{"ci', 'ty":"Paris"}']),
      { type: 'finish', finishReason: 'tool_calls', usage: null },
    ]);
    expect(deltas(payloads)).toEqual([
      { role: 'assistant', content: null },
      {
        tool_calls: [
          { index: 0, id: 'call_1', type: 'function', function: { name: 'get_weather', arguments: '' } },
        ],
      },
      { tool_calls: [{ index: 0, function: { arguments: '{"ci' } }] },
      { tool_calls: [{ index: 0, function: { arguments: 'ty":"Paris"}' } }] },
      {},
    ]);
    const args = toolDeltas(payloads)
      .map((delta) => delta.function?.arguments ?? '')
      .join('');
    expect(JSON.parse(args)).toEqual({ city: 'Paris' });
    expect(chunks(payloads).at(-1)?.choices[0]?.finish_reason).toBe('tool_calls');
  });

  it('case 25: two calls are sequential, indices exactly {0,1}, id and name once per call', async () => {
    const payloads = await encode([
      start,
      ...callEvents('call_A', 'a', ['{"x"', ':1}']),
      ...callEvents('call_B', 'b', ['{"y"', ':2}']),
      { type: 'finish', finishReason: 'tool_calls', usage: null },
    ]);
    const indices = toolDeltas(payloads).map((delta) => delta.index);
    expect(indices).toEqual([0, 0, 0, 1, 1, 1]);
    expect(
      toolDeltas(payloads)
        .filter((delta) => delta.id !== undefined)
        .map((delta) => [delta.id, delta.function?.name]),
    ).toEqual([
      ['call_A', 'a'],
      ['call_B', 'b'],
    ]);
    expect(toolDeltas(payloads).filter((delta) => delta.type !== undefined)).toHaveLength(2);
  });

  it('case 26: include_usage adds a final choices:[] chunk with usage, usage:null everywhere else', async () => {
    const payloads = chunks(await encode(textEvents, { includeUsage: true }));
    const last = payloads.at(-1);
    expect(last?.choices).toEqual([]);
    expect(last?.usage).toEqual({
      prompt_tokens: 10,
      completion_tokens: 5,
      total_tokens: 15,
      prompt_tokens_details: { cached_tokens: 2, audio_tokens: 0 },
      completion_tokens_details: {
        reasoning_tokens: 1,
        audio_tokens: 0,
        accepted_prediction_tokens: 0,
        rejected_prediction_tokens: 0,
      },
    });
    expect(payloads.slice(0, -1).every((chunk) => chunk.usage === null)).toBe(true);
    expect(payloads.at(-2)?.choices[0]?.finish_reason).toBe('stop');
  });

  it('finishes a forced function call with stop (tool-choice.md#effect-on-finish_reason)', async () => {
    const payloads = await encode(
      [
        start,
        ...callEvents('call_1', 'f', ['{}']),
        { type: 'finish', finishReason: 'tool_calls', usage: null },
      ],
      { forcedFunction: true },
    );
    expect(chunks(payloads).at(-1)?.choices[0]?.finish_reason).toBe('stop');
  });

  it('sends arguments the deltas did not carry (a "{}" end after no deltas)', async () => {
    const payloads = await encode([
      start,
      { type: 'tool-call-start', callId: 'call_1', name: 'ping' },
      { type: 'tool-call-end', arguments: '{}' },
      { type: 'finish', finishReason: 'tool_calls', usage: null },
    ]);
    expect(toolDeltas(payloads)).toEqual([
      { index: 0, id: 'call_1', type: 'function', function: { name: 'ping', arguments: '' } },
      { index: 0, function: { arguments: '{}' } },
    ]);
  });

  it('turns an error event into one error payload and stops', async () => {
    const error = { message: 'boom', type: 'server_error', code: 'server_error', param: null };
    const payloads = await encode([
      start,
      { type: 'text-start' },
      { type: 'text-delta', delta: 'a' },
      { type: 'error', error },
      ...textEvents,
    ]);
    expect(payloads.at(-1)).toEqual({ error });
    expect(payloads.filter((payload) => 'error' in payload)).toHaveLength(1);
    expect(payloads).toHaveLength(3);
  });

  it('reports a producer that stops without finish as an error payload', async () => {
    const payloads = await encode([start, { type: 'text-start' }]);
    expect(payloads.at(-1)).toEqual({ error: expect.objectContaining({ code: 'invalid_stream' }) });
  });

  it('drops reasoning, keeps refusal deltas, and sets system_fingerprint', async () => {
    const payloads = await encode(
      [
        start,
        { type: 'reasoning', item: { id: 'rs_1', type: 'reasoning', summary: [] } },
        { type: 'text-start' },
        { type: 'refusal-delta', delta: 'No.' },
        { type: 'text-end' },
        { type: 'finish', finishReason: 'stop', usage: null },
      ],
      { systemFingerprint: 'fp_test' },
    );
    expect(deltas(payloads)).toEqual([
      { role: 'assistant', content: '', refusal: null },
      { refusal: 'No.' },
      {},
    ]);
    expect(chunks(payloads).every((chunk) => chunk.system_fingerprint === 'fp_test')).toBe(true);
  });

  it('puts the upstream’s service_tier on every chunk, before system_fingerprint as OpenAI does', async () => {
    const payloads = await encode(textEvents, { serviceTier: 'flex', systemFingerprint: 'fp_test' });
    for (const chunk of chunks(payloads)) {
      expect(chunk.service_tier).toBe('flex');
      expect(Object.keys(chunk).slice(4, 6)).toEqual(['service_tier', 'system_fingerprint']);
    }
  });
});

describe('canonicalToChatChunks: token logprobs', () => {
  const token = (text: string) => ({
    token: text,
    logprob: -0.1,
    bytes: [...Buffer.from(text)],
    top_logprobs: [],
  });
  const logprobs = (...texts: string[]): CanonicalStreamEvent => ({
    type: 'logprobs',
    logprobs: { content: texts.map(token), refusal: null },
  });

  it('join the chunk of the deltas they came with, in order', async () => {
    const batches: CanonicalStreamEvent[][] = [
      [start, { type: 'text-start' }, { type: 'text-delta', delta: 'Hel' }, logprobs('Hel')],
      [
        { type: 'text-delta', delta: 'lo' },
        logprobs('lo'),
        { type: 'text-delta', delta: '!' },
        logprobs('!'),
      ],
      [{ type: 'text-end' }, { type: 'finish', finishReason: 'stop', usage: null }],
    ];
    const payloads = chunks(
      (await collect(canonicalBatchesToChatChunks(fromArray(batches), options))).flat(),
    );
    expect(payloads.map((chunk) => [chunk.choices[0]?.delta, chunk.choices[0]?.logprobs])).toEqual([
      [{ role: 'assistant', content: '', refusal: null }, null],
      [{ content: 'Hel' }, { content: [token('Hel')], refusal: null }],
      [{ content: 'lo!' }, { content: [token('lo'), token('!')], refusal: null }],
      [{}, null],
    ]);
  });

  it('go out in a delta:{} chunk of their own when no delta is open (a replayed answer); empty ones not at all', async () => {
    const payloads = chunks(
      await encode([
        start,
        { type: 'text-start' },
        { type: 'text-delta', delta: 'Hi' },
        { type: 'text-end' },
        { type: 'logprobs', logprobs: { content: [], refusal: null } },
        logprobs('H', 'i'),
        { type: 'finish', finishReason: 'stop', usage: null },
      ]),
    );
    expect(payloads.map((chunk) => [chunk.choices[0]?.delta, chunk.choices[0]?.logprobs])).toEqual([
      [{ role: 'assistant', content: '', refusal: null }, null],
      [{ content: 'Hi' }, null],
      [{}, { content: [token('H'), token('i')], refusal: null }],
      [{}, null],
    ]);
  });
});
