import Anthropic, {
  APIError,
  AuthenticationError,
  BadRequestError,
  OverloadedError,
  RateLimitError,
} from '@anthropic-ai/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ScriptedUpstream } from '../scripted-upstream-options.js';
import { startScriptedUpstream } from '../start-scripted-upstream.js';

// The self-check of the Anthropic side of the double: Anthropic's official SDK, code no one here
// wrote, must read every answer (JSON, SSE, errors) and raise its own error classes on faults.
const weather: Anthropic.Tool = {
  name: 'get_weather',
  description: 'Weather of a city.',
  input_schema: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
};
const clock: Anthropic.Tool = {
  name: 'get_time',
  description: 'The time now.',
  input_schema: { type: 'object' },
};

let upstream: ScriptedUpstream;
let client: Anthropic;

beforeAll(async () => {
  upstream = await startScriptedUpstream({ apiKey: 'sk-ant-test' });
  client = new Anthropic({
    baseURL: upstream.url.replace(/\/v1$/, ''),
    apiKey: 'sk-ant-test',
    maxRetries: 0,
  });
});
afterAll(async () => {
  await upstream.close();
});

const directives = (tokens: string) => ({ headers: { 'x-scripted-directives': tokens } });
const toolUses = (message: Anthropic.Message) =>
  message.content.filter((block): block is Anthropic.ToolUseBlock => block.type === 'tool_use');

describe('the official Anthropic SDK against the scripted Messages API', () => {
  it('messages.create: a plain text answer with usage and the request headers checked', async () => {
    const message = await client.messages.create({
      model: 'claude-sonnet-5',
      max_tokens: 256,
      messages: [{ role: 'user', content: 'hello' }],
    });
    expect(message).toMatchObject({
      type: 'message',
      role: 'assistant',
      model: 'claude-sonnet-5',
      stop_reason: 'end_turn',
      content: [{ type: 'text', text: 'Echo: hello' }],
    });
    expect(message.id).toMatch(/^msg_01/);
    expect(message.usage.input_tokens + (message.usage.cache_creation_input_tokens ?? 0)).toBeGreaterThan(0);
    // SDK 1.x sends the key as a bearer token with API version 2026-10-21; the double takes both styles.
    expect(upstream.requests.at(-1)?.headers).toMatchObject({
      authorization: 'Bearer sk-ant-test',
      'anthropic-version': expect.any(String),
    });
  });

  it('messages.stream with tools: two parallel calls accumulate into finalMessage()', async () => {
    const stream = client.messages.stream({
      model: 'claude-sonnet-5',
      max_tokens: 256,
      tools: [weather],
      messages: [{ role: 'user', content: 'Weather in Paris and Oslo?' }],
    });
    const message = await stream.finalMessage();
    expect(message.stop_reason).toBe('tool_use');
    expect(toolUses(message).map((block) => [block.name, block.input])).toEqual([
      ['get_weather', { city: 'Paris' }],
      ['get_weather', { city: 'Oslo' }],
    ]);
    expect(toolUses(message).every((block) => /^toolu_01[A-Za-z0-9]{22}$/.test(block.id))).toBe(true);
  });

  it('a zero-argument call streams as one empty fragment and accumulates to {}', async () => {
    const message = await client.messages
      .stream({
        model: 'm',
        max_tokens: 64,
        tools: [clock],
        tool_choice: { type: 'tool', name: 'get_time' },
        messages: [{ role: 'user', content: 'time?' }],
      })
      .finalMessage();
    expect(toolUses(message)).toEqual([expect.objectContaining({ name: 'get_time', input: {} })]);
  });

  it('tool_use then tool_result: the second turn quotes the result, text before the call with #preamble', async () => {
    const first = await client.messages.create({
      model: 'm',
      max_tokens: 256,
      tools: [weather],
      messages: [{ role: 'user', content: 'Weather in Paris? #preamble' }],
    });
    expect(first.content.map((block) => block.type)).toEqual(['text', 'tool_use']);
    const [call] = toolUses(first);
    const second = await client.messages.create({
      model: 'm',
      max_tokens: 256,
      tools: [weather],
      messages: [
        { role: 'user', content: 'Weather in Paris? #preamble' },
        { role: 'assistant', content: first.content },
        { role: 'user', content: [{ type: 'tool_result', tool_use_id: call?.id ?? '', content: '18C' }] },
      ],
    });
    expect(second.content).toEqual([expect.objectContaining({ type: 'text', text: 'Paris: 18C' })]);
  });

  it('thinking blocks round trip: signed, sent back unchanged; altered or missing they are refused', async () => {
    const ask = { role: 'user' as const, content: 'Weather in Paris? #redacted-thinking' };
    const thinking = { type: 'enabled' as const, budget_tokens: 1024 };
    const first = await client.messages
      .stream({ model: 'm', max_tokens: 2048, thinking, tools: [weather], messages: [ask] })
      .finalMessage();
    expect(first.content.map((block) => block.type)).toEqual(['thinking', 'redacted_thinking', 'tool_use']);
    const [call] = toolUses(first);
    const result = {
      role: 'user' as const,
      content: [{ type: 'tool_result' as const, tool_use_id: call?.id ?? '', content: '18C' }],
    };
    const send = (content: Anthropic.ContentBlockParam[]) =>
      client.messages.create({
        model: 'm',
        max_tokens: 2048,
        thinking,
        tools: [weather],
        messages: [ask, { role: 'assistant', content }, result],
      });
    expect((await send(first.content)).content.at(-1)).toMatchObject({ type: 'text', text: 'Paris: 18C' });
    const altered = first.content.map((block) =>
      block.type === 'thinking' ? { ...block, thinking: `${block.thinking}!` } : block,
    );
    await expect(send(altered)).rejects.toThrow(BadRequestError);
    await expect(send(altered)).rejects.toThrow(/Invalid `signature` in `thinking` block/);
    await expect(send(toolUses(first))).rejects.toThrow(
      /Expected `thinking` or `redacted_thinking`, but found `tool_use`/,
    );
  });

  it('thinking with a forced tool is refused, as Anthropic refuses it', async () => {
    const pending = client.messages.create({
      model: 'm',
      max_tokens: 2048,
      thinking: { type: 'enabled', budget_tokens: 1024 },
      tools: [weather],
      tool_choice: { type: 'any' },
      messages: [{ role: 'user', content: 'x' }],
    });
    await expect(pending).rejects.toThrow(/Thinking may not be enabled when tool_choice forces tool use/);
  });

  it('an error event after HTTP 200 raises in the SDK (stream and finalMessage)', async () => {
    const stream = client.messages.stream(
      { model: 'm', max_tokens: 256, messages: [{ role: 'user', content: 'a long answer please' }] },
      directives('#error-midstream'),
    );
    const failure = await stream.finalMessage().catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(APIError);
    expect(failure).toMatchObject({ type: 'overloaded_error' });
    const early = client.messages.stream(
      { model: 'm', max_tokens: 256, messages: [{ role: 'user', content: 'x' }] },
      directives('#error-at-start'),
    );
    await expect(early.finalMessage()).rejects.toMatchObject({ type: 'overloaded_error' });
  });

  it('529 and 429 surface as the SDK error classes, with retry-after on 429', async () => {
    const request = { model: 'm', max_tokens: 16, messages: [{ role: 'user' as const, content: 'x' }] };
    const overloaded = await client.messages
      .create(request, directives('#error=529'))
      .catch((error: unknown) => error);
    expect(overloaded).toBeInstanceOf(OverloadedError);
    expect(overloaded).toMatchObject({ status: 529, type: 'overloaded_error' });
    const limited = await client.messages
      .create(request, directives('#error=429'))
      .catch((error: unknown) => error);
    expect(limited).toBeInstanceOf(RateLimitError);
    expect((limited as RateLimitError).headers?.get('retry-after')).toBe('1');
    expect((limited as RateLimitError).requestID).toMatch(/^req_/);
  });

  it('a wrong key is an AuthenticationError', async () => {
    const wrong = new Anthropic({
      baseURL: upstream.url.replace(/\/v1$/, ''),
      apiKey: 'nope',
      maxRetries: 0,
    });
    const pending = wrong.messages.create({
      model: 'm',
      max_tokens: 16,
      messages: [{ role: 'user', content: 'x' }],
    });
    await expect(pending).rejects.toBeInstanceOf(AuthenticationError);
  });

  it('output_config.format json_schema: the text answer is JSON of that schema', async () => {
    const message = await client.messages.create({
      model: 'claude-sonnet-5',
      max_tokens: 256,
      messages: [{ role: 'user', content: 'Weather in Paris?' }],
      output_config: {
        format: {
          type: 'json_schema',
          schema: {
            type: 'object',
            properties: { city: { type: 'string' }, sunny: { type: 'boolean' } },
            required: ['city', 'sunny'],
            additionalProperties: false,
          },
        },
      },
    });
    const text = message.content.find((block) => block.type === 'text');
    expect(JSON.parse(text?.type === 'text' ? text.text : '')).toEqual({
      city: 'Echo: Weather in Paris?',
      sunny: false,
    });
  });
});
