import { describe, expect, it } from 'vitest';
import { useTestGateway } from '../../../test-support/gateway/start-test-gateway.js';
import { cityParameters } from '../../../test-support/gateway/weather-tools.js';

// The raw SSE bytes the gateway streams, whichever format the upstream speaks
// (docs/protocol/chat-completions.md#streaming, docs/protocol/responses.md#streaming; conformance cases
// 23–26, 59–61): what the official SDKs' stream helpers require of a server.
const parameters = cityParameters;
type Json = Record<string, unknown>;

interface RawStream {
  contentType: string | null;
  frames: string[];
}

async function post(url: string, body: Json): Promise<RawStream> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  expect(text.endsWith('\n\n')).toBe(true);
  return {
    contentType: response.headers.get('content-type'),
    frames: text.split('\n\n').filter((frame) => frame !== ''),
  };
}

function chatPayloads(stream: RawStream): { chunks: Json[]; done: boolean } {
  for (const frame of stream.frames) expect(frame).toMatch(/^data: /);
  const data = stream.frames.map((frame) => frame.slice(6));
  const done = data.at(-1) === '[DONE]';
  return { chunks: data.filter((item) => item !== '[DONE]').map((item) => JSON.parse(item) as Json), done };
}

function responsesEvents(stream: RawStream): Json[] {
  return stream.frames.map((frame) => {
    const [eventLine, dataLine, ...rest] = frame.split('\n');
    expect(rest).toEqual([]);
    const event = JSON.parse((dataLine ?? '').replace(/^data: /, '')) as Json;
    expect(eventLine).toBe(`event: ${String(event['type'])}`);
    return event;
  });
}

const choice = (chunk: Json) => ((chunk['choices'] as Json[])[0] ?? {}) as Json;
const delta = (chunk: Json) => (choice(chunk)['delta'] ?? {}) as Json;

describe.each(['chat', 'responses'] as const)('streamed wire format over a %s upstream', (upstreamApi) => {
  const harness = useTestGateway({ upstreamApi });
  const chatUrl = () => `${harness.baseURL}/chat/completions`;
  const responsesUrl = () => `${harness.baseURL}/responses`;

  it('Chat text stream: data lines only, one identity, role first, delta:{} + stop, [DONE] (case 23)', async () => {
    const stream = await post(chatUrl(), {
      model: 'gpt-5.4',
      messages: [{ role: 'user', content: 'Say something #fragments=4' }],
      stream: true,
    });
    expect(stream.contentType).toMatch(/^text\/event-stream/);
    const { chunks, done } = chatPayloads(stream);
    expect(done).toBe(true);
    expect(new Set(chunks.map((chunk) => `${chunk['id']}|${chunk['created']}|${chunk['model']}`)).size).toBe(
      1,
    );
    for (const chunk of chunks) expect(chunk['object']).toBe('chat.completion.chunk');
    expect(delta(chunks[0] ?? {})['role']).toBe('assistant');
    expect(chunks.slice(1).some((chunk) => 'role' in delta(chunk))).toBe(false);
    const last = chunks.at(-1) ?? {};
    expect(delta(last)).toEqual({});
    expect(choice(last)['finish_reason']).toBe('stop');
    const text = chunks.map((chunk) => delta(chunk)['content'] ?? '').join('');
    expect(text).toBe('Echo: Say something');
  });

  it('Chat tool-call stream: id/type/name once, then arguments only; finish tool_calls (case 24)', async () => {
    const { chunks, done } = chatPayloads(
      await post(chatUrl(), {
        model: 'gpt-5.4',
        // Paced, so each fragment arrives alone (fragments that arrive together go out as one chunk).
        messages: [{ role: 'user', content: 'Weather in Paris? #fragments=4 #delay=5' }],
        tools: [{ type: 'function', function: { name: 'get_weather', parameters } }],
        stream: true,
      }),
    );
    expect(done).toBe(true);
    const toolDeltas = chunks.flatMap((chunk) => (delta(chunk)['tool_calls'] ?? []) as Json[]);
    expect(toolDeltas[0]).toEqual({
      index: 0,
      id: expect.stringMatching(/^call_/),
      type: 'function',
      function: { name: 'get_weather', arguments: '' },
    });
    for (const later of toolDeltas.slice(1)) {
      expect(Object.keys(later).sort()).toEqual(['function', 'index']);
      expect(Object.keys(later['function'] as Json)).toEqual(['arguments']);
    }
    expect(toolDeltas.length).toBeGreaterThanOrEqual(3);
    const args = toolDeltas.map((item) => (item['function'] as Json)['arguments']).join('');
    expect(JSON.parse(args)).toEqual({ city: 'Paris' });
    const last = chunks.at(-1) ?? {};
    expect(delta(last)).toEqual({});
    expect(choice(last)['finish_reason']).toBe('tool_calls');
  });

  it('Chat include_usage: the chunk before [DONE] has choices:[] and usage; all others usage:null (case 26)', async () => {
    const { chunks, done } = chatPayloads(
      await post(chatUrl(), {
        model: 'gpt-5.4',
        messages: [{ role: 'user', content: 'Say something' }],
        stream: true,
        stream_options: { include_usage: true },
      }),
    );
    expect(done).toBe(true);
    const last = chunks.at(-1) ?? {};
    expect(last['choices']).toEqual([]);
    expect(last['usage']).toMatchObject({
      prompt_tokens: expect.any(Number),
      completion_tokens: expect.any(Number),
      total_tokens: expect.any(Number),
    });
    for (const chunk of chunks.slice(0, -1)) expect(chunk['usage']).toBeNull();
  });

  it('Responses text stream: event order, gapless sequence numbers, consistent text (case 59)', async () => {
    const stream = await post(responsesUrl(), {
      model: 'gpt-5.4',
      input: 'Say something #fragments=4',
      stream: true,
    });
    expect(stream.contentType).toMatch(/^text\/event-stream/);
    expect(stream.frames.some((frame) => frame.includes('[DONE]'))).toBe(false);
    const events = responsesEvents(stream);
    const types = events.map((event) => event['type']);
    const deltas = types.filter((type) => type === 'response.output_text.delta').length;
    expect(deltas).toBeGreaterThanOrEqual(2);
    expect(types).toEqual([
      'response.created',
      'response.in_progress',
      'response.output_item.added',
      'response.content_part.added',
      ...Array.from({ length: deltas }, () => 'response.output_text.delta'),
      'response.output_text.done',
      'response.content_part.done',
      'response.output_item.done',
      'response.completed',
    ]);
    expect(events.map((event) => event['sequence_number'])).toEqual(events.map((_, index) => index));
    const itemId = ((events[2]?.['item'] ?? {}) as Json)['id'];
    for (const event of events.slice(3, -2)) expect(event['item_id']).toBe(itemId);
    const text = events
      .filter((event) => event['type'] === 'response.output_text.delta')
      .map((event) => event['delta'])
      .join('');
    const textDone = events.find((event) => event['type'] === 'response.output_text.done');
    expect(textDone?.['text']).toBe(text);
    const itemDone = events.find((event) => event['type'] === 'response.output_item.done');
    const completed = events.at(-1)?.['response'] as Json;
    expect(completed['output']).toEqual([itemDone?.['item']]);
  });

  it('Responses parallel calls: each call added → deltas → done before the next (cases 60, 61)', async () => {
    const events = responsesEvents(
      await post(responsesUrl(), {
        model: 'gpt-5.4',
        input: 'Weather in Paris and Oslo? #fragments=3',
        tools: [{ type: 'function', name: 'get_weather', parameters, strict: false }],
        stream: true,
      }),
    );
    const added = events.filter((event) => event['type'] === 'response.output_item.added');
    expect(added.map((event) => event['output_index'])).toEqual([0, 1]);
    for (const event of added) {
      expect(event['item']).toMatchObject({
        type: 'function_call',
        status: 'in_progress',
        arguments: '',
        name: 'get_weather',
        call_id: expect.stringMatching(/^call_/),
        id: expect.stringMatching(/^fc_/),
      });
    }
    // Sequential: every event of call 0 precedes call 1's output_item.added.
    const secondStart = events.indexOf(added[1] as Json);
    const callZeroDone = events.findIndex(
      (event) => event['type'] === 'response.output_item.done' && event['output_index'] === 0,
    );
    expect(callZeroDone).toBeLessThan(secondStart);
    for (const [index, start] of added.entries()) {
      const id = (start['item'] as Json)['id'];
      const deltas = events.filter(
        (event) =>
          event['type'] === 'response.function_call_arguments.delta' && event['output_index'] === index,
      );
      for (const item of deltas) expect(item['item_id']).toBe(id);
      const argumentsDone = events.find(
        (event) =>
          event['type'] === 'response.function_call_arguments.done' && event['output_index'] === index,
      );
      expect(argumentsDone).toMatchObject({
        item_id: id,
        name: 'get_weather',
        arguments: deltas.map((item) => item['delta']).join(''),
      });
      const itemDone = events.find(
        (event) => event['type'] === 'response.output_item.done' && event['output_index'] === index,
      );
      expect(itemDone?.['item']).toMatchObject({
        id,
        status: 'completed',
        arguments: argumentsDone?.['arguments'],
      });
    }
    const completed = events.at(-1)?.['response'] as Json;
    expect((completed['output'] as Json[]).map((item) => JSON.parse(String(item['arguments'])))).toEqual([
      { city: 'Paris' },
      { city: 'Oslo' },
    ]);
  });
});

// A Chat upstream names the tier that served the turn and its system fingerprint on every chunk; a
// streamed answer says the same as a JSON one, and so does what is stored from it.
describe('what a Chat upstream says of itself reaches a streaming client', () => {
  const harness = useTestGateway({ upstreamApi: 'chat' });
  const messages = [{ role: 'user' as const, content: 'Weather in Paris?' }];
  const tools = [{ type: 'function' as const, function: { name: 'get_weather', parameters } }];

  it('Chat: every chunk carries the upstream’s service_tier and system_fingerprint, as the JSON answer does; so does the stored completion', async () => {
    const json = await harness.client.chat.completions.create({ model: 'gpt-5.4', messages, tools });
    expect(json.service_tier).toBe('default');
    expect(json.system_fingerprint).toMatch(/^fp_/);
    const stream = await harness.client.chat.completions.create({
      model: 'gpt-5.4',
      messages,
      tools,
      stream: true,
      stream_options: { include_usage: true },
      store: true,
    });
    const chunks = [];
    for await (const chunk of stream) chunks.push(chunk);
    expect(chunks.length).toBeGreaterThan(2);
    // The scripted upstream makes a fingerprint per turn (the gateway makes none): one for the whole stream.
    const fingerprint = chunks[0]?.system_fingerprint;
    expect(fingerprint).toMatch(/^fp_/);
    for (const chunk of chunks) {
      expect(chunk.service_tier).toBe(json.service_tier);
      expect(chunk.system_fingerprint).toBe(fingerprint);
    }
    const stored = await harness.client.chat.completions.retrieve(chunks[0]?.id ?? '');
    expect(stored.service_tier).toBe(json.service_tier);
    expect(stored.system_fingerprint).toBe(fingerprint);
  });

  it('Responses: the streamed final Response names the tier that served it, as the JSON answer does', async () => {
    const json = await harness.client.responses.create({ model: 'gpt-5.4', input: 'Say something' });
    expect(json.service_tier).toBe('default');
    const stream = await harness.client.responses.create({
      model: 'gpt-5.4',
      input: 'Say something',
      stream: true,
    });
    const tiers: Array<[string, unknown]> = [];
    for await (const event of stream)
      if ('response' in event) tiers.push([event.type, event.response.service_tier]);
    expect(tiers).toEqual([
      ['response.created', 'auto'],
      ['response.in_progress', 'auto'],
      ['response.completed', json.service_tier],
    ]);
  });
});
