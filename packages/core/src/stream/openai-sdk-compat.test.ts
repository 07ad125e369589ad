/**
 * The official `openai` SDK (v6) consumes what the encoders produce: SSE bytes go through a custom
 * `fetch`, so the real `chat.completions.stream()` and `responses.stream()` helpers parse them end to end.
 */
import OpenAI from 'openai';
import { ChatCompletionStream } from 'openai/lib/ChatCompletionStream';
import { describe, expect, it } from 'vitest';
import type { CanonicalStreamEvent } from './canonical-stream-event.js';
import { type ChatStreamPayload, canonicalToChatChunks } from './canonical-to-chat-chunks.js';
import { canonicalToResponsesEvents } from './canonical-to-responses-events.js';
import { chatChunksToResponsesEvents } from './chat-chunks-to-responses-events.js';
import { CHAT_SSE_DONE, encodeChatSse } from './encode-chat-sse.js';
import { encodeResponsesSse } from './encode-responses-sse.js';
import { responsesEventsToChatChunks } from './responses-events-to-chat-chunks.js';
import {
  chatFixture,
  collect,
  fromArray,
  responseSkeleton,
  responsesFixture,
  sseBody,
} from './test-kit.case.js';

const parameters = {
  type: 'object',
  properties: { city: { type: 'string' } },
  required: ['city'],
  additionalProperties: false,
};
const chatTools = ['get_weather', 'get_time'].map((name) => ({
  type: 'function' as const,
  function: { name, parameters, strict: true },
}));
const responsesTools = ['get_weather', 'get_time'].map((name) => ({
  type: 'function' as const,
  name,
  parameters,
  strict: true,
}));
const chatOptions = { id: 'chatcmpl-sdk', created: 1700000000, model: 'gpt-sdk', includeUsage: true };

/** A client whose every request is answered with the given SSE frames. */
function clientServing(frames: readonly string[]): OpenAI {
  return new OpenAI({
    apiKey: 'sk-test',
    baseURL: 'http://toolbridge.invalid/v1',
    maxRetries: 0,
    fetch: async () =>
      new Response(sseBody(frames), { status: 200, headers: { 'content-type': 'text/event-stream' } }),
  });
}

/** The gateway's Chat framing: every payload, then `[DONE]` unless the stream failed. */
function chatFrames(payloads: readonly ChatStreamPayload[]): string[] {
  const failed = payloads.some((payload) => 'error' in payload);
  return [...payloads.map((payload) => encodeChatSse(payload)), ...(failed ? [] : [CHAT_SSE_DONE])];
}

const start: CanonicalStreamEvent = { type: 'response-start', id: 'up', model: 'up', createdAt: 1 };
const call = (callId: string, name: string, parts: string[]): CanonicalStreamEvent[] => [
  { type: 'tool-call-start', callId, name },
  ...parts.map((delta): CanonicalStreamEvent => ({ type: 'tool-call-delta', delta })),
  { type: 'tool-call-end', arguments: parts.join('') },
];
const usage = { inputTokens: 3, outputTokens: 4, totalTokens: 7, cachedTokens: 0, reasoningTokens: 0 };
const twoCalls: CanonicalStreamEvent[] = [
  start,
  ...call('call_A', 'get_weather', ['{"ci', 'ty":"Paris"}']),
  ...call('call_B', 'get_time', ['{"city"', ':"Oslo"}']),
  { type: 'finish', finishReason: 'tool_calls', usage },
];
const textThenCall: CanonicalStreamEvent[] = [
  start,
  { type: 'text-start' },
  { type: 'text-delta', delta: 'Checking' },
  { type: 'text-delta', delta: '…' },
  { type: 'text-end' },
  ...call('call_C', 'get_weather', ['{"city":"Rome"}']),
  { type: 'finish', finishReason: 'tool_calls', usage },
];
const failing: CanonicalStreamEvent[] = [
  start,
  { type: 'text-start' },
  { type: 'text-delta', delta: 'Par' },
  {
    type: 'error',
    error: {
      message: 'Upstream model crashed mid-answer.',
      type: 'server_error',
      code: 'server_error',
      param: null,
    },
  },
];

async function runChat(payloads: readonly ChatStreamPayload[]) {
  const stream = clientServing(chatFrames(payloads)).chat.completions.stream({
    model: 'gpt-sdk',
    messages: [{ role: 'user', content: 'weather?' }],
    tools: chatTools,
  });
  const done: Array<{ name: string; arguments: string; parsed: unknown }> = [];
  stream.on('tool_calls.function.arguments.done', (event) => {
    done.push({ name: event.name, arguments: event.arguments, parsed: event.parsed_arguments });
  });
  const completion = await stream.finalChatCompletion();
  return { completion, done };
}

async function runResponses(frames: readonly string[]) {
  const stream = clientServing(frames).responses.stream({
    model: 'gpt-sdk',
    input: 'weather?',
    tools: responsesTools,
  });
  const done: Array<{ name: unknown; arguments: string }> = [];
  stream.on('response.function_call_arguments.done', (event) =>
    done.push({ name: event.name, arguments: event.arguments }),
  );
  const response = await stream.finalResponse();
  return { response, done };
}

const responsesFrames = async (events: CanonicalStreamEvent[]) =>
  (await collect(canonicalToResponsesEvents(fromArray(events), { response: responseSkeleton() }))).map(
    (event) => encodeResponsesSse(event),
  );

describe('openai SDK: chat.completions.stream() over our Chat chunks', () => {
  it('two parallel calls: arguments.done per call, final completion with both', async () => {
    const { completion, done } = await runChat(
      await collect(canonicalToChatChunks(fromArray(twoCalls), chatOptions)),
    );
    expect(done).toEqual([
      { name: 'get_weather', arguments: '{"city":"Paris"}', parsed: { city: 'Paris' } },
      { name: 'get_time', arguments: '{"city":"Oslo"}', parsed: { city: 'Oslo' } },
    ]);
    expect(completion.id).toBe('chatcmpl-sdk');
    expect(completion.choices[0]?.finish_reason).toBe('tool_calls');
    expect(completion.choices[0]?.message.tool_calls?.map((toolCall) => toolCall.id)).toEqual([
      'call_A',
      'call_B',
    ]);
    expect(completion.usage?.total_tokens).toBe(7);
  });

  it('text then a call', async () => {
    const { completion, done } = await runChat(
      await collect(canonicalToChatChunks(fromArray(textThenCall), chatOptions)),
    );
    expect(completion.choices[0]?.message.content).toBe('Checking…');
    expect(done).toEqual([{ name: 'get_weather', arguments: '{"city":"Rome"}', parsed: { city: 'Rome' } }]);
  });

  it('an error mid-stream raises APIError with our message', async () => {
    const result = runChat(await collect(canonicalToChatChunks(fromArray(failing), chatOptions)));
    await expect(result).rejects.toBeInstanceOf(OpenAI.APIError);
    await expect(result).rejects.toThrow('Upstream model crashed mid-answer.');
  });

  it('a Responses upstream re-encoded as Chat (responsesEventsToChatChunks) streams both calls', async () => {
    const payloads = await collect(
      responsesEventsToChatChunks(responsesFixture('responses-two-calls.sse'), chatOptions),
    );
    const { completion } = await runChat(payloads);
    expect(completion.choices[0]?.message.tool_calls?.map((toolCall) => toolCall.function.arguments)).toEqual(
      ['{ "location": "New York City, USA" }', '{ "location": "Paris, France" }'],
    );
  });

  it('ChatCompletionStream.fromReadableStream replays our chunks as one completion (C8)', async () => {
    const payloads = await collect(canonicalToChatChunks(fromArray(twoCalls), chatOptions));
    const lines = new TextEncoder().encode(
      payloads.map((payload) => `${JSON.stringify(payload)}\n`).join(''),
    );
    const stream = ChatCompletionStream.fromReadableStream(new Blob([lines]).stream());
    const completion = await stream.finalChatCompletion();
    expect(completion.choices[0]?.message.tool_calls).toHaveLength(2);
  });
});

describe('openai SDK: responses.stream() over our Responses events', () => {
  it('two parallel calls: function_call_arguments.done per call, final response with both', async () => {
    const { response, done } = await runResponses(await responsesFrames(twoCalls));
    expect(done).toEqual([
      { name: 'get_weather', arguments: '{"city":"Paris"}' },
      { name: 'get_time', arguments: '{"city":"Oslo"}' },
    ]);
    expect(response.status).toBe('completed');
    expect(response.output.map((item) => (item.type === 'function_call' ? item.call_id : item.type))).toEqual(
      ['call_A', 'call_B'],
    );
    expect(response.usage?.total_tokens).toBe(7);
  });

  it('text then a call', async () => {
    const { response, done } = await runResponses(await responsesFrames(textThenCall));
    expect(response.output_text).toBe('Checking…');
    expect(done).toEqual([{ name: 'get_weather', arguments: '{"city":"Rome"}' }]);
  });

  it('an error mid-stream raises APIError with our message', async () => {
    const result = runResponses(await responsesFrames(failing));
    await expect(result).rejects.toBeInstanceOf(OpenAI.APIError);
    await expect(result).rejects.toThrow('Upstream model crashed mid-answer.');
  });

  it('a Chat upstream re-encoded as Responses (chatChunksToResponsesEvents) streams both calls', async () => {
    const events = await collect(
      chatChunksToResponsesEvents(chatFixture('chat-two-parallel-calls.sse'), {
        response: responseSkeleton(),
      }),
    );
    const { response, done } = await runResponses(events.map((event) => encodeResponsesSse(event)));
    expect(done.map((event) => event.name)).toEqual(['GetWeatherArgs', 'get_stock_price']);
    expect(response.output.map((item) => (item.type === 'function_call' ? item.call_id : item.type))).toEqual(
      ['call_JMW1whyEaYG438VE1OIflxA2', 'call_DNYTawLBoN8fj3KN6qU9N1Ou'],
    );
  });
});
