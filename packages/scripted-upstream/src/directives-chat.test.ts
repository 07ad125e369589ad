import OpenAI from 'openai';
import type {
  ChatCompletion,
  ChatCompletionMessageParam,
  ChatCompletionTool,
} from 'openai/resources/chat/completions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXTRA_ARGUMENT_KEY } from './corrupt-arguments.js';
import type { ScriptedUpstream } from './scripted-upstream-options.js';
import { startScriptedUpstream } from './start-scripted-upstream.js';

const weatherTool: ChatCompletionTool = {
  type: 'function',
  function: {
    name: 'get_weather',
    description: 'Current weather for a city',
    parameters: {
      type: 'object',
      properties: { city: { type: 'string' } },
      required: ['city'],
      additionalProperties: false,
    },
  },
};
const timeTool: ChatCompletionTool = {
  type: 'function',
  function: {
    name: 'get_local_time',
    parameters: { type: 'object', properties: { city: { type: 'string' } } },
  },
};

let upstream: ScriptedUpstream;
let client: OpenAI;

beforeAll(async () => {
  upstream = await startScriptedUpstream();
  client = new OpenAI({ baseURL: upstream.url, apiKey: 'test-key', maxRetries: 0, logLevel: 'off' });
});
afterAll(() => upstream.close());

function ask(
  content: string,
  extra: Partial<{ tools: ChatCompletionTool[] }> & Record<string, unknown> = {},
): Promise<ChatCompletion> {
  return client.chat.completions.create({
    model: 'm',
    messages: [{ role: 'user', content }],
    tools: [weatherTool],
    ...extra,
  });
}

function calls(completion: ChatCompletion): Array<{ id: string; name: string; arguments: string }> {
  return (completion.choices[0]?.message.tool_calls ?? []).flatMap((call) =>
    call.type === 'function'
      ? [{ id: call.id, name: call.function.name, arguments: call.function.arguments }]
      : [],
  );
}

interface RawChunk {
  choices: Array<{
    delta: { content?: string; tool_calls?: Array<Record<string, unknown>> };
    finish_reason: string | null;
  }>;
  usage?: unknown;
}

async function rawChunks(content: string, extra: Record<string, unknown> = {}): Promise<RawChunk[]> {
  const response = await fetch(`${upstream.url}/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      model: 'm',
      stream: true,
      messages: [{ role: 'user', content }],
      tools: [weatherTool],
      ...extra,
    }),
  });
  const frames = (await response.text()).split('\n\n').filter((frame) => frame !== '');
  expect(frames.at(-1)).toBe('data: [DONE]');
  return frames.slice(0, -1).map((frame) => JSON.parse(frame.replace(/^data: /, '')) as RawChunk);
}

function toolDeltas(chunks: RawChunk[]): Array<Record<string, unknown>> {
  return chunks.flatMap((chunk) => chunk.choices[0]?.delta.tool_calls ?? []);
}

describe('argument directives on Chat', () => {
  it('#invalid-json sends arguments that do not parse', async () => {
    const [call] = calls(await ask('Weather in Paris? #invalid-json'));
    expect(call?.arguments).toBe('{"city":"Paris"');
    expect(() => JSON.parse(call?.arguments ?? '')).toThrow(SyntaxError);
  });

  it('#schema-violation sends valid JSON with a wrong type and an extra key', async () => {
    const [call] = calls(await ask('Weather in Paris? #schema-violation'));
    expect(JSON.parse(call?.arguments ?? '')).toEqual({ city: 12345, [EXTRA_ARGUMENT_KEY]: true });
  });

  it('#invalid-once is invalid until a tool result says "invalid", then valid, then answers', async () => {
    const messages: ChatCompletionMessageParam[] = [
      { role: 'user', content: '北京天气怎么样? #invalid-once' },
    ];
    const first = await client.chat.completions.create({ model: 'm', messages, tools: [weatherTool] });
    const [bad] = calls(first);
    expect(() => JSON.parse(bad?.arguments ?? '')).toThrow();
    messages.push(first.choices[0]?.message as ChatCompletionMessageParam);
    messages.push({
      role: 'tool',
      tool_call_id: bad?.id ?? '',
      content: 'Error: invalid JSON arguments. Please retry.',
    });
    const second = await client.chat.completions.create({ model: 'm', messages, tools: [weatherTool] });
    const [good] = calls(second);
    expect(JSON.parse(good?.arguments ?? '')).toEqual({ city: '北京' });
    messages.push(second.choices[0]?.message as ChatCompletionMessageParam);
    messages.push({ role: 'tool', tool_call_id: good?.id ?? '', content: '晴' });
    const third = await client.chat.completions.create({ model: 'm', messages, tools: [weatherTool] });
    expect(third.choices[0]?.message.content).toContain('北京: 晴');
  });

  it('#invalid-once also accepts a correction sent as a user message', async () => {
    const messages: ChatCompletionMessageParam[] = [
      { role: 'user', content: 'Weather in Oslo? #invalid-once' },
      {
        role: 'assistant',
        content: null,
        tool_calls: [
          { id: 'call_1', type: 'function', function: { name: 'get_weather', arguments: '{"city":' } },
        ],
      },
      { role: 'tool', tool_call_id: 'call_1', content: 'not run' },
      { role: 'user', content: 'Your arguments were invalid, try again.' },
    ];
    const retry = await client.chat.completions.create({ model: 'm', messages, tools: [weatherTool] });
    expect(JSON.parse(calls(retry)[0]?.arguments ?? '')).toEqual({ city: 'Oslo' });
  });

  it('#unknown-tool calls a function that was not offered', async () => {
    const [call] = calls(await ask('Weather in Paris? #unknown-tool'));
    expect(call?.name).toBe('scripted_unknown_tool');
  });

  it('#ignore-tool-choice calls tools even under tool_choice none and ignores a forced name', async () => {
    const none = await ask('Weather in Paris? #ignore-tool-choice', { tool_choice: 'none' });
    expect(calls(none).map((call) => call.name)).toEqual(['get_weather']);
    const forced = await ask('Weather in Paris? #ignore-tool-choice', {
      tools: [weatherTool, timeTool],
      tool_choice: { type: 'function', function: { name: 'get_local_time' } },
    });
    expect(calls(forced).map((call) => call.name)).toEqual(['get_weather']);
    expect(forced.choices[0]?.finish_reason).toBe('tool_calls');
  });

  it('#parallel forces two calls even with parallel_tool_calls false', async () => {
    const completion = await ask('Weather in Paris? #parallel', { parallel_tool_calls: false });
    expect(calls(completion)).toHaveLength(2);
  });

  it('#text answers with text although tools are offered', async () => {
    const completion = await ask('Weather in Paris? #text');
    expect(completion.choices[0]?.message.content).toBe('Echo: Weather in Paris?');
  });

  it('#length cuts the arguments with finish_reason length', async () => {
    const completion = await ask('Weather in Paris? #length');
    expect(completion.choices[0]?.finish_reason).toBe('length');
    expect(calls(completion)[0]?.arguments).toBe('{"city":');
  });

  it('#no-usage drops usage from JSON and from the stream', async () => {
    expect((await ask('Weather in Paris? #no-usage')).usage).toBeUndefined();
    const chunks = await rawChunks('Weather in Paris? #no-usage', {
      stream_options: { include_usage: true },
    });
    expect(chunks.filter((chunk) => chunk.choices.length === 0)).toEqual([]);
  });
});

describe('stream-shape directives on Chat', () => {
  it('#fragments=N splits the arguments into N deltas after the naming delta', async () => {
    const deltas = toolDeltas(await rawChunks('Weather in Paris? #fragments=5'));
    expect(deltas).toHaveLength(6);
    expect(deltas[0]).toMatchObject({
      index: 0,
      type: 'function',
      function: { name: 'get_weather', arguments: '' },
    });
    for (const delta of deltas.slice(1)) expect(Object.keys(delta)).toEqual(['index', 'function']);
  });

  it('defaults to 8 fragments', async () => {
    expect(toolDeltas(await rawChunks('Weather in Paris?'))).toHaveLength(9);
  });

  it('#no-index omits index from every tool-call delta', async () => {
    const deltas = toolDeltas(await rawChunks('Weather in Paris? #no-index'));
    expect(deltas.length).toBeGreaterThan(1);
    for (const delta of deltas) expect(delta).not.toHaveProperty('index');
  });

  it('#interleave alternates the deltas of two calls', async () => {
    const deltas = toolDeltas(await rawChunks('Weather in Paris and Oslo? #interleave #fragments=3'));
    expect(deltas.map((delta) => delta.index)).toEqual([0, 1, 0, 1, 0, 1, 0, 1]);
  });

  it('#length streams finish_reason length', async () => {
    const chunks = await rawChunks('Weather in Paris? #length');
    expect(chunks.at(-1)?.choices[0]?.finish_reason).toBe('length');
  });
});
