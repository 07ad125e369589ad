import OpenAI, { BadRequestError } from 'openai';
import type {
  ChatCompletion,
  ChatCompletionMessageParam,
  ChatCompletionTool,
} from 'openai/resources/chat/completions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CITED_SOURCE } from './chat-citations.js';
import { CHAT_REASONING } from './handle-chat-completions.js';
import type { ScriptedUpstream } from './scripted-upstream-options.js';
import { startScriptedUpstream } from './start-scripted-upstream.js';

const weatherTool: ChatCompletionTool = {
  type: 'function',
  function: {
    name: 'get_weather',
    description: '获取指定城市的当前天气',
    parameters: {
      type: 'object',
      properties: { city: { type: 'string', description: '城市名,如:北京' } },
      required: ['city'],
      additionalProperties: false,
    },
    strict: true,
  },
};

const timeTool: ChatCompletionTool = {
  type: 'function',
  function: {
    name: 'get_local_time',
    description: 'Local time in a city',
    parameters: {
      type: 'object',
      properties: { city: { type: 'string' }, clock: { type: 'string', enum: ['24h', '12h'] } },
      required: ['city', 'clock'],
      additionalProperties: false,
    },
    strict: true,
  },
};

let upstream: ScriptedUpstream;
let client: OpenAI;

beforeAll(async () => {
  upstream = await startScriptedUpstream();
  client = new OpenAI({ baseURL: upstream.url, apiKey: 'test-key', maxRetries: 0 });
});
afterAll(() => upstream.close());

function calls(completion: ChatCompletion): Array<{ id: string; name: string; arguments: string }> {
  return (completion.choices[0]?.message.tool_calls ?? []).flatMap((call) =>
    call.type === 'function'
      ? [{ id: call.id, name: call.function.name, arguments: call.function.arguments }]
      : [],
  );
}

describe('Chat Completions, non-streaming', () => {
  it('runs the guide weather example end to end', async () => {
    const messages: ChatCompletionMessageParam[] = [{ role: 'user', content: '北京天气怎么样?' }];
    const first = await client.chat.completions.create({ model: 'gpt-5.4', messages, tools: [weatherTool] });
    expect(first.id).toMatch(/^chatcmpl-[A-Za-z0-9]{29}$/);
    expect(first.object).toBe('chat.completion');
    expect(first.model).toBe('gpt-5.4');
    const choice = first.choices[0];
    expect(choice?.finish_reason).toBe('tool_calls');
    expect(choice?.message.content).toBeNull();
    const [call] = calls(first);
    expect(call?.id).toMatch(/^call_[A-Za-z0-9]{24}$/);
    expect(call?.name).toBe('get_weather');
    expect(JSON.parse(call?.arguments ?? '')).toEqual({ city: '北京' });

    const weather = { city: '北京', temp: '26°C', condition: '晴' };
    if (choice === undefined || call === undefined) throw new Error('no call');
    messages.push(choice.message);
    messages.push({ role: 'tool', tool_call_id: call.id, content: JSON.stringify(weather) });
    const second = await client.chat.completions.create({ model: 'gpt-5.4', messages, tools: [weatherTool] });
    expect(second.choices[0]?.finish_reason).toBe('stop');
    expect(second.choices[0]?.message.content).toBe('北京: {"city":"北京","temp":"26°C","condition":"晴"}');
  });

  it('makes one call per city for a two-city question, and one with parallel_tool_calls false', async () => {
    const messages: ChatCompletionMessageParam[] = [{ role: 'user', content: '北京和上海的天气怎么样?' }];
    const parallel = await client.chat.completions.create({ model: 'm', messages, tools: [weatherTool] });
    expect(calls(parallel).map((call) => JSON.parse(call.arguments))).toEqual([
      { city: '北京' },
      { city: '上海' },
    ]);
    const single = await client.chat.completions.create({
      model: 'm',
      messages,
      tools: [weatherTool],
      parallel_tool_calls: false,
    });
    expect(calls(single).map((call) => JSON.parse(call.arguments))).toEqual([{ city: '北京' }]);
  });

  it('answers two tool results by quoting both', async () => {
    const messages: ChatCompletionMessageParam[] = [
      { role: 'user', content: 'Weather in Paris and Oslo?' },
      {
        role: 'assistant',
        content: null,
        tool_calls: [
          {
            id: 'call_A1',
            type: 'function',
            function: { name: 'get_weather', arguments: '{"city":"Paris"}' },
          },
          {
            id: 'call_B2',
            type: 'function',
            function: { name: 'get_weather', arguments: '{"city":"Oslo"}' },
          },
        ],
      },
      { role: 'tool', tool_call_id: 'call_A1', content: '18C sunny' },
      { role: 'tool', tool_call_id: 'call_B2', content: [{ type: 'text', text: '9C rain' }] },
    ];
    const answer = await client.chat.completions.create({ model: 'm', messages, tools: [weatherTool] });
    expect(answer.choices[0]?.message.content).toBe('Paris: 18C sunny\nOslo: 9C rain');
  });

  it('picks the tool whose name matches the message, and obeys forced and allowed_tools choices', async () => {
    const tools = [weatherTool, timeTool];
    const asked = [{ role: 'user' as const, content: 'What is the local time in Tokyo?' }];
    const ranked = await client.chat.completions.create({ model: 'm', messages: asked, tools });
    expect(calls(ranked)[0]?.name).toBe('get_local_time');
    expect(JSON.parse(calls(ranked)[0]?.arguments ?? '')).toEqual({ city: 'Tokyo', clock: '24h' });

    const weather = [{ role: 'user' as const, content: '北京天气怎么样?' }];
    const forced = await client.chat.completions.create({
      model: 'm',
      messages: weather,
      tools,
      tool_choice: { type: 'function', function: { name: 'get_local_time' } },
    });
    expect(calls(forced).map((call) => call.name)).toEqual(['get_local_time']);
    expect(forced.choices[0]?.finish_reason).toBe('stop');

    const allowed = await client.chat.completions.create({
      model: 'm',
      messages: weather,
      tools,
      tool_choice: {
        type: 'allowed_tools',
        allowed_tools: { mode: 'auto', tools: [{ type: 'function', function: { name: 'get_local_time' } }] },
      },
    });
    expect(calls(allowed).map((call) => call.name)).toEqual(['get_local_time']);
  });

  it('treats a tool named __proto__ as an ordinary tool', async () => {
    const hostile: ChatCompletionTool = {
      type: 'function',
      function: {
        name: '__proto__',
        parameters: { type: 'object', properties: { constructor: { type: 'string' } } },
      },
    };
    const completion = await client.chat.completions.create({
      model: 'm',
      messages: [{ role: 'user', content: 'Oslo' }],
      tools: [hostile],
    });
    expect(calls(completion).map((call) => [call.name, JSON.parse(call.arguments)])).toEqual([
      ['__proto__', { constructor: 'Oslo' }],
    ]);
  });

  it('answers with text for tool_choice none or no tools, and calls again under required', async () => {
    const messages: ChatCompletionMessageParam[] = [{ role: 'user', content: '北京天气怎么样?' }];
    const none = await client.chat.completions.create({
      model: 'm',
      messages,
      tools: [weatherTool],
      tool_choice: 'none',
    });
    expect(none.choices[0]?.message.content).toBe('Echo: 北京天气怎么样?');
    expect(none.choices[0]?.message.tool_calls).toBeUndefined();
    const plain = await client.chat.completions.create({ model: 'm', messages });
    expect(plain.choices[0]?.message.content).toBe('Echo: 北京天气怎么样?');

    const withResult: ChatCompletionMessageParam[] = [
      ...messages,
      {
        role: 'assistant',
        content: null,
        tool_calls: [
          { id: 'call_1', type: 'function', function: { name: 'get_weather', arguments: '{"city":"北京"}' } },
        ],
      },
      { role: 'tool', tool_call_id: 'call_1', content: 'sunny' },
    ];
    const required = await client.chat.completions.create({
      model: 'm',
      messages: withResult,
      tools: [weatherTool],
      tool_choice: 'required',
    });
    expect(required.choices[0]?.finish_reason).toBe('tool_calls');
    const auto = await client.chat.completions.create({
      model: 'm',
      messages: withResult,
      tools: [weatherTool],
    });
    expect(auto.choices[0]?.message.content).toBe('北京: sunny');
  });

  it('reports deterministic usage with cached tokens when the prefix repeats', async () => {
    const messages: ChatCompletionMessageParam[] = [
      { role: 'user', content: 'usage probe: weather in London?' },
    ];
    const first = await client.chat.completions.create({ model: 'm', messages, tools: [weatherTool] });
    const second = await client.chat.completions.create({ model: 'm', messages, tools: [weatherTool] });
    expect(first.usage?.prompt_tokens).toBe(second.usage?.prompt_tokens);
    expect(first.usage?.prompt_tokens_details?.cached_tokens).toBe(0);
    expect(second.usage?.prompt_tokens_details?.cached_tokens).toBe(
      Math.floor((second.usage?.prompt_tokens ?? 0) / 2),
    );
    expect(second.usage?.completion_tokens).toBe(Math.ceil('get_weather{"city":"London"}'.length / 4));
    expect(second.usage?.total_tokens).toBe(
      (second.usage?.prompt_tokens ?? 0) + (second.usage?.completion_tokens ?? 0),
    );
  });

  it('cuts output at max_completion_tokens with finish_reason length', async () => {
    const messages: ChatCompletionMessageParam[] = [
      { role: 'user', content: 'Tell me something rather long please, at least a few words.' },
    ];
    const cut = await client.chat.completions.create({ model: 'm', messages, max_completion_tokens: 2 });
    expect(cut.choices[0]?.finish_reason).toBe('length');
    expect(cut.choices[0]?.message.content).toBe('Echo: Te');
  });

  it('sends x-request-id and rejects wire-shape mistakes with OpenAI errors', async () => {
    const { response } = await client.chat.completions
      .create({ model: 'm', messages: [{ role: 'user', content: 'hi' }] })
      .withResponse();
    expect(response.headers.get('x-request-id')).toMatch(/^req_[0-9a-f]{32}$/);

    const flat = { type: 'function', name: 'get_weather', parameters: {} } as unknown as ChatCompletionTool;
    const error = await client.chat.completions
      .create({ model: 'm', messages: [{ role: 'user', content: 'hi' }], tools: [flat] })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(BadRequestError);
    expect(error).toMatchObject({
      status: 400,
      param: 'tools[0].function',
      code: 'missing_required_parameter',
    });
    expect((error as Error).message).toBe("400 Missing required parameter: 'tools[0].function'.");

    const badChoice = client.chat.completions.create({
      model: 'm',
      messages: [{ role: 'user', content: 'hi' }],
      tools: [weatherTool],
      tool_choice: { type: 'function', function: { name: 'nope' } },
    });
    await expect(badChoice).rejects.toMatchObject({ status: 400, param: 'tool_choice' });
    const orphanChoice = client.chat.completions.create({
      model: 'm',
      messages: [{ role: 'user', content: 'hi' }],
      tool_choice: 'auto',
    });
    await expect(orphanChoice).rejects.toMatchObject({ status: 400, param: 'tool_choice' });
    const streamOptions = client.chat.completions.create({
      model: 'm',
      messages: [{ role: 'user', content: 'hi' }],
      stream_options: { include_usage: true },
    });
    await expect(streamOptions).rejects.toMatchObject({ status: 400, param: 'stream_options' });
  });
});

describe('Chat Completions, streaming', () => {
  it('accumulates tool-call deltas by index like the guide', async () => {
    const stream = await client.chat.completions.create({
      model: 'm',
      messages: [{ role: 'user', content: 'Weather in Paris and Oslo?' }],
      tools: [weatherTool],
      stream: true,
      stream_options: { include_usage: true },
    });
    const entries = new Map<number, { id: string; name: string; arguments: string }>();
    const ids = new Set<string>();
    let role: string | undefined;
    let finish: string | null = null;
    let usageChunks = 0;
    for await (const chunk of stream) {
      ids.add(chunk.id);
      if (chunk.choices.length === 0) {
        usageChunks += 1;
        expect(chunk.usage?.prompt_tokens).toBeGreaterThan(0);
        continue;
      }
      expect(chunk.usage).toBeNull();
      const choice = chunk.choices[0];
      role ??= choice?.delta.role;
      finish = choice?.finish_reason ?? finish;
      for (const delta of choice?.delta.tool_calls ?? []) {
        const entry = entries.get(delta.index) ?? { id: '', name: '', arguments: '' };
        if (delta.id) entry.id += delta.id;
        if (delta.function?.name) entry.name += delta.function.name;
        if (delta.function?.arguments) entry.arguments += delta.function.arguments;
        entries.set(delta.index, entry);
      }
    }
    expect(role).toBe('assistant');
    expect(finish).toBe('tool_calls');
    expect(usageChunks).toBe(1);
    expect(ids.size).toBe(1);
    expect([...entries.keys()]).toEqual([0, 1]);
    expect([...entries.values()].map((entry) => entry.name)).toEqual(['get_weather', 'get_weather']);
    expect([...entries.values()].map((entry) => JSON.parse(entry.arguments))).toEqual([
      { city: 'Paris' },
      { city: 'Oslo' },
    ]);
    for (const entry of entries.values()) expect(entry.id).toMatch(/^call_[A-Za-z0-9]{24}$/);
  });

  it('completes the SDK stream helper with parsed strict arguments for each parallel call', async () => {
    const stream = client.chat.completions.stream({
      model: 'm',
      messages: [{ role: 'user', content: '北京和上海天气怎么样?' }],
      tools: [weatherTool],
    });
    const done: unknown[] = [];
    stream.on('tool_calls.function.arguments.done', (event) => done.push(event.parsed_arguments));
    const final = await stream.finalChatCompletion();
    expect(done).toEqual([{ city: '北京' }, { city: '上海' }]);
    expect(calls(final).map((call) => JSON.parse(call.arguments))).toEqual([
      { city: '北京' },
      { city: '上海' },
    ]);
    expect(final.choices[0]?.finish_reason).toBe('tool_calls');
  });

  it('streams a text answer through the helper', async () => {
    const stream = client.chat.completions.stream({
      model: 'm',
      messages: [{ role: 'user', content: 'Say hello' }],
    });
    const pieces: string[] = [];
    stream.on('content.delta', (event) => pieces.push(event.delta));
    const final = await stream.finalChatCompletion();
    expect(final.choices[0]?.message.content).toBe('Echo: Say hello');
    expect(pieces.join('')).toBe('Echo: Say hello');
    expect(pieces.length).toBe(8);
  });

  it('sends token logprobs when asked, the same in a stream (as the helper joins them) and a JSON body', async () => {
    const params = {
      model: 'm',
      messages: [{ role: 'user' as const, content: 'Say hello #fragments=3' }],
      logprobs: true,
      top_logprobs: 2,
    };
    const json = await client.chat.completions.create(params);
    const tokens = json.choices[0]?.logprobs?.content ?? [];
    expect(tokens.map((token) => token.token).join('')).toBe('Echo: Say hello');
    expect(tokens).toHaveLength(3);
    for (const token of tokens) {
      expect(token.bytes).toEqual([...Buffer.from(token.token)]);
      expect(token.top_logprobs.map((top) => top.token)).toEqual([token.token, '<alt1>']);
    }
    const stream = client.chat.completions.stream(params);
    const deltas: number[] = [];
    stream.on('logprobs.content.delta', (event) => deltas.push(event.content.length));
    const final = await stream.finalChatCompletion();
    expect(deltas).toEqual([1, 1, 1]);
    expect(final.choices[0]?.logprobs).toEqual({ content: tokens, refusal: null });
    const plain = await client.chat.completions.create({ model: 'm', messages: params.messages });
    expect(plain.choices[0]?.logprobs).toBeNull();
  });

  it('#citations: annotations on a text answer; streamed, in a delta of their own after the text', async () => {
    const messages = [{ role: 'user' as const, content: 'Say hello #citations #fragments=2' }];
    const json = await client.chat.completions.create({ model: 'm', messages });
    const text = json.choices[0]?.message.content ?? '';
    expect(json.choices[0]?.message.annotations).toEqual([
      { type: 'url_citation', url_citation: { start_index: 0, end_index: text.length, ...CITED_SOURCE } },
    ]);
    const stream = await client.chat.completions.create({ model: 'm', messages, stream: true });
    const deltas: Array<Record<string, unknown>> = [];
    for await (const chunk of stream) deltas.push((chunk.choices[0]?.delta ?? {}) as Record<string, unknown>);
    expect(deltas.at(-2)).toEqual({ annotations: json.choices[0]?.message.annotations });
    expect(deltas.slice(0, -2).some((delta) => 'annotations' in delta)).toBe(false);
  });

  it('#reasoning: reasoning_content on the message, streamed as fragments before the answer', async () => {
    const messages = [{ role: 'user' as const, content: 'Weather in Paris? #reasoning #fragments=3' }];
    const json = await client.chat.completions.create({ model: 'm', messages, tools: [weatherTool] });
    const message = json.choices[0]?.message as unknown as Record<string, unknown>;
    expect(message['reasoning_content']).toBe(CHAT_REASONING);
    const stream = await client.chat.completions.create({
      model: 'm',
      messages,
      tools: [weatherTool],
      stream: true,
    });
    const kinds: string[] = [];
    let reasoning = '';
    for await (const chunk of stream) {
      const delta = (chunk.choices[0]?.delta ?? {}) as Record<string, unknown>;
      if (typeof delta['reasoning_content'] === 'string') {
        reasoning += delta['reasoning_content'];
        kinds.push('reasoning');
      } else if (delta['tool_calls'] !== undefined) kinds.push('call');
    }
    expect(reasoning).toBe(CHAT_REASONING);
    expect(kinds.slice(0, 3)).toEqual(['reasoning', 'reasoning', 'reasoning']);
    expect(kinds.slice(3).every((kind) => kind === 'call')).toBe(true);
  });
});
