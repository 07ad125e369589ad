import { beforeAll, describe, expect, it } from 'vitest';
import { useTestGateway } from '../../../test-support/gateway/start-test-gateway.js';
import { cityParameters } from '../../../test-support/gateway/weather-tools.js';
import {
  type OpenAIShape,
  openaiShapeProblems,
  openaiValidators,
} from '../../../test-support/openai-spec/openai-schemas.js';

// Everything the gateway emits — completions, chunks, Response objects, every Responses stream
// event, input-item lists, error bodies — checked against JSON Schemas generated from the
// official `openai` package's types (test-support/openai-spec/), over both upstream formats.

type Json = Record<string, unknown>;

const chatTools = [
  {
    type: 'function',
    function: { name: 'get_weather', description: 'Weather of a city.', parameters: cityParameters },
  },
];
const responsesTools = [
  {
    type: 'function',
    name: 'get_weather',
    description: 'Weather of a city.',
    parameters: cityParameters,
    strict: true,
  },
];

async function post(baseURL: string, path: string, body: Json): Promise<{ status: number; text: string }> {
  const response = await fetch(`${baseURL}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: response.status, text: await response.text() };
}

/** The JSON payloads of an SSE body (`[DONE]` and comments left out). */
function ssePayloads(text: string): Json[] {
  return text
    .split('\n')
    .filter((line) => line.startsWith('data: ') && line !== 'data: [DONE]')
    .map((line) => JSON.parse(line.slice(6)) as Json);
}

async function expectShape(shape: OpenAIShape, value: unknown): Promise<void> {
  expect(await openaiShapeProblems(shape, value)).toEqual([]);
}

async function expectErrorBody(status: number, text: string): Promise<void> {
  expect(status).toBeGreaterThanOrEqual(400);
  const body = JSON.parse(text) as { error?: unknown };
  expect(Object.keys(body)).toEqual(['error']);
  await expectShape('error', body.error);
}

beforeAll(async () => {
  // Generating the schemas from the SDK's declarations takes a few seconds the first time.
  await openaiValidators();
}, 120_000);

describe('the schemas can fail', () => {
  it('a Response without usage details and a chunk with a string index are reported', async () => {
    expect(await openaiShapeProblems('response', { id: 'resp_1', object: 'response' })).not.toEqual([]);
    expect(
      await openaiShapeProblems('chat.completion.chunk', {
        id: 'c',
        object: 'chat.completion.chunk',
        created: 1,
        model: 'm',
        choices: [{ index: '0', delta: {}, finish_reason: null }],
      }),
    ).not.toEqual([]);
  });
});

describe.each(['chat', 'responses'] as const)('what the gateway emits over a %s upstream', (upstreamApi) => {
  const harness = useTestGateway({ upstreamApi });

  it.each([
    ['a text answer', 'Say hello', {}],
    ['a tool call', 'Weather in Paris?', { tools: chatTools }],
    ['two parallel calls', 'Weather in Paris and Oslo?', { tools: chatTools }],
    [
      'a forced call',
      'Weather in Paris?',
      { tools: chatTools, tool_choice: { type: 'function', function: { name: 'get_weather' } } },
    ],
    ['an answer cut off by the output limit', 'Weather in Paris? #length', { tools: chatTools }],
    ['no usage from the upstream', 'Say hello #no-usage', {}],
  ])('Chat Completions, JSON: %s', async (_name, prompt, extra) => {
    const { status, text } = await post(harness.baseURL, '/chat/completions', {
      model: 'gpt-5.4',
      messages: [{ role: 'user', content: prompt }],
      ...extra,
    });
    expect(status).toBe(200);
    await expectShape('chat.completion', JSON.parse(text));
  });

  it.each([
    ['a text answer with usage', 'Say hello', { stream_options: { include_usage: true } }],
    ['parallel calls', 'Weather in Paris and Oslo? #fragments=5', { tools: chatTools }],
    ['a mid-stream failure', 'Weather in Paris? #error-midstream', { tools: chatTools }],
    ['an answer cut off by the output limit', 'Weather in Paris? #length', { tools: chatTools }],
  ])('Chat Completions, stream: every chunk of %s', async (_name, prompt, extra) => {
    const { status, text } = await post(harness.baseURL, '/chat/completions', {
      model: 'gpt-5.4',
      messages: [{ role: 'user', content: prompt }],
      stream: true,
      ...extra,
    });
    expect(status).toBe(200);
    const payloads = ssePayloads(text);
    expect(payloads.length).toBeGreaterThan(1);
    for (const payload of payloads) {
      // A failure mid-stream is an error object, not a chunk (docs/protocol/chat-completions.md#streaming).
      if ('error' in payload) await expectShape('error', payload['error']);
      else await expectShape('chat.completion.chunk', payload);
    }
  });

  it.each([
    ['a text answer', 'Say hello', {}],
    ['a tool call', 'Weather in Paris?', { tools: responsesTools }],
    ['two parallel calls', 'Weather in Paris and Oslo?', { tools: responsesTools }],
    ['instructions and metadata', 'Say hello', { instructions: 'Be brief.', metadata: { team: 'a' } }],
    ['an answer cut off by the output limit', 'Say hello to everyone #length', {}],
  ])('Responses, JSON, then GET and input_items: %s', async (_name, prompt, extra) => {
    const created = await post(harness.baseURL, '/responses', { model: 'gpt-5.4', input: prompt, ...extra });
    expect(created.status).toBe(200);
    const response = JSON.parse(created.text) as Json;
    await expectShape('response', response);
    const id = String(response['id']);
    const retrieved = await fetch(`${harness.baseURL}/responses/${id}`);
    await expectShape('response', await retrieved.json());
    const items = await fetch(`${harness.baseURL}/responses/${id}/input_items`);
    await expectShape('response.input_items', await items.json());
  });

  it.each([
    ['a text answer', 'Say hello #fragments=4', {}],
    ['parallel calls', 'Weather in Paris and Oslo? #fragments=3', { tools: responsesTools }],
    ['a mid-stream failure', 'Weather in Paris? #error-midstream', { tools: responsesTools }],
    ['an answer cut off by the output limit', 'Say hello to everyone #length', {}],
  ])('Responses, stream: every event of %s, and the replay', async (_name, prompt, extra) => {
    const { status, text } = await post(harness.baseURL, '/responses', {
      model: 'gpt-5.4',
      input: prompt,
      stream: true,
      ...extra,
    });
    expect(status).toBe(200);
    const events = ssePayloads(text);
    expect(events.length).toBeGreaterThan(3);
    for (const event of events) await expectShape('response.stream_event', event);
    const created = events[0]?.['response'] as Json | undefined;
    const replay = await fetch(`${harness.baseURL}/responses/${String(created?.['id'])}?stream=true`);
    if (replay.status === 200) {
      for (const event of ssePayloads(await replay.text())) await expectShape('response.stream_event', event);
    }
  });

  it('error bodies: validation, unknown id, malformed id, unknown route, wrong method, upstream failure', async () => {
    const invalid = await post(harness.baseURL, '/chat/completions', { model: 'gpt-5.4', messages: 'hi' });
    await expectErrorBody(invalid.status, invalid.text);
    const unknown = await fetch(`${harness.baseURL}/responses/resp_doesnotexist`);
    await expectErrorBody(unknown.status, await unknown.text());
    const malformed = await fetch(`${harness.baseURL}/responses/nope`);
    await expectErrorBody(malformed.status, await malformed.text());
    const route = await fetch(`${harness.baseURL}/nothing-here`);
    await expectErrorBody(route.status, await route.text());
    const method = await fetch(`${harness.baseURL}/chat/completions`, { method: 'PUT' });
    await expectErrorBody(method.status, await method.text());
    const upstream = await post(harness.baseURL, '/responses', { model: 'gpt-5.4', input: 'Hi #error=503' });
    await expectErrorBody(upstream.status, upstream.text);
  });
});
