import type OpenAI from 'openai';
import { describe, expect, it } from 'vitest';
import {
  chatCalls,
  chatTurn,
  recordingClient,
  responseCalls,
  responsesTurn,
} from '../../../test-support/gateway/openai-turns.js';
import { useTestGateway } from '../../../test-support/gateway/start-test-gateway.js';
import { chatWeatherTool, responsesWeatherTool } from '../../../test-support/gateway/weather-tools.js';

// The weather loop through the gateway over the scripted Anthropic upstream, for every cell of
// {chat, responses} × {plain, stream}, with the official `openai` SDK at the front
// (docs/protocol/anthropic.md §4, §5, §7, §9, §10).
type Body = Record<string, unknown>;
type Message = { role: string; content: Array<Record<string, unknown>> };
const model = 'claude-sonnet-5';
const clock = { type: 'function' as const, function: { name: 'get_time', description: 'The time now.' } };
const results: Record<string, string> = { Paris: '18C', Oslo: '7C' };

describe.each([false, true])('Anthropic upstream, stream=%s', (stream) => {
  const harness = useTestGateway({ upstreamApi: 'anthropic' });
  const upstreamBodies = () => harness.requestsSinceMark().map((request) => request.body as Body);
  const lastBody = () => upstreamBodies().at(-1) as Body;

  it('chat: weather loop with two parallel calls; toolu_ ids pass through; results batched upstream', async () => {
    const ask: OpenAI.ChatCompletionMessageParam = { role: 'user', content: 'Weather in Paris and Oslo?' };
    const tools = [chatWeatherTool()];
    const first = await chatTurn(harness.client, { model, messages: [ask], tools }, stream);
    expect(first.choices[0]?.finish_reason).toBe('tool_calls');
    const calls = chatCalls(first);
    expect(calls.map((call) => JSON.parse(call.function.arguments))).toEqual([
      { city: 'Paris' },
      { city: 'Oslo' },
    ]);
    expect(calls.every((call) => /^toolu_01/.test(call.id))).toBe(true);
    const sent = lastBody();
    expect(sent).toMatchObject({
      model,
      max_tokens: 4096,
      tools: [{ name: 'get_weather', input_schema: { type: 'object' } }],
    });
    expect(JSON.stringify(sent['tools'])).not.toContain('"function"');
    const answer = await chatTurn(
      harness.client,
      {
        model,
        tools,
        messages: [
          ask,
          first.choices[0]?.message as OpenAI.ChatCompletionMessageParam,
          ...calls.map((call) => ({
            role: 'tool' as const,
            tool_call_id: call.id,
            content: results[(JSON.parse(call.function.arguments) as { city: string }).city] ?? '?',
          })),
        ],
      },
      stream,
    );
    expect(answer.choices[0]?.finish_reason).toBe('stop');
    expect(answer.choices[0]?.message.content).toBe('Paris: 18C\nOslo: 7C');
    const messages = lastBody()['messages'] as Message[];
    expect(messages.map((message) => message.role)).toEqual(['user', 'assistant', 'user']);
    expect(messages[1]?.content.map((block) => block['id'])).toEqual(calls.map((call) => call.id));
    expect(messages[2]?.content).toEqual(
      calls.map((call, index) => ({
        type: 'tool_result',
        tool_use_id: call.id,
        content: ['18C', '7C'][index],
      })),
    );
  });

  it('responses: weather loop with two parallel calls, call_id = toolu_ id, answer after the outputs', async () => {
    const tools = [responsesWeatherTool()];
    const first = await responsesTurn(
      harness.client,
      { model, input: 'Weather in Paris and Oslo?', tools },
      stream,
    );
    expect(first.status).toBe('completed');
    const calls = responseCalls(first);
    expect(calls.map((call) => call.call_id)).toEqual([
      expect.stringMatching(/^toolu_01/),
      expect.stringMatching(/^toolu_01/),
    ]);
    expect(lastBody()['tools']).toEqual([
      {
        name: 'get_weather',
        description: 'Weather of a city.',
        input_schema: {
          type: 'object',
          properties: { city: { type: 'string' } },
          required: ['city'],
          additionalProperties: false,
        },
        strict: true,
      },
    ]);
    const outputs = calls.map((call) => ({
      type: 'function_call_output' as const,
      call_id: call.call_id,
      output: results[(JSON.parse(call.arguments) as { city: string }).city] ?? '?',
    }));
    const answer = await responsesTurn(
      harness.client,
      {
        model,
        tools,
        input: [{ role: 'user', content: 'Weather in Paris and Oslo?' }, ...calls, ...outputs],
        store: false,
      },
      stream,
    );
    expect(answer.output_text).toBe('Paris: 18C\nOslo: 7C');
    const messages = lastBody()['messages'] as Message[];
    expect(messages[2]?.content.map((block) => block['tool_use_id'])).toEqual(
      calls.map((call) => call.call_id),
    );
  });

  it('responses: previous_response_id — the chain is rebuilt from the store and sent whole', async () => {
    const tools = [responsesWeatherTool()];
    const first = await responsesTurn(harness.client, { model, input: 'Weather in Paris?', tools }, stream);
    const [call] = responseCalls(first);
    const answer = await responsesTurn(
      harness.client,
      {
        model,
        tools,
        previous_response_id: first.id,
        input: [{ type: 'function_call_output', call_id: call?.call_id ?? '', output: '18C' }],
      },
      stream,
    );
    expect(answer.output_text).toBe('Paris: 18C');
    expect(answer.previous_response_id).toBe(first.id);
    const messages = lastBody()['messages'] as Message[];
    expect(messages).toEqual([
      { role: 'user', content: [{ type: 'text', text: 'Weather in Paris?' }] },
      {
        role: 'assistant',
        content: [{ type: 'tool_use', id: call?.call_id, name: 'get_weather', input: { city: 'Paris' } }],
      },
      { role: 'user', content: [{ type: 'tool_result', tool_use_id: call?.call_id, content: '18C' }] },
    ]);
  });

  it('text and calls in one turn: chat content + tool_calls; responses message then function_call', async () => {
    const chat = await chatTurn(
      harness.client,
      {
        model,
        messages: [{ role: 'user', content: 'Weather in Paris? #preamble' }],
        tools: [chatWeatherTool()],
      },
      stream,
    );
    expect(chat.choices[0]?.message.content).toBe("I'll look that up.");
    expect(chatCalls(chat)).toHaveLength(1);
    const response = await responsesTurn(
      harness.client,
      { model, input: 'Weather in Paris? #preamble', tools: [responsesWeatherTool()] },
      stream,
    );
    expect(response.output.map((item) => item.type)).toEqual(['message', 'function_call']);
    expect(response.output_text).toBe("I'll look that up.");
  });

  it('A-37: a zero-argument call arrives as "{}" on both endpoints', async () => {
    const chat = await chatTurn(
      harness.client,
      {
        model,
        messages: [{ role: 'user', content: 'What time is it?' }],
        tools: [clock],
        tool_choice: 'required',
      },
      stream,
    );
    expect(chatCalls(chat).map((call) => call.function.arguments)).toEqual(['{}']);
    const response = await responsesTurn(
      harness.client,
      {
        model,
        input: 'What time is it?',
        tools: [{ type: 'function', name: 'get_time', parameters: null, strict: false }],
        tool_choice: 'required',
      },
      stream,
    );
    expect(responseCalls(response).map((call) => call.arguments)).toEqual(['{}']);
  });

  it('system, developer and instructions reach the top-level system prompt, in order', async () => {
    await chatTurn(
      harness.client,
      {
        model,
        messages: [
          { role: 'system', content: 'Be brief.' },
          { role: 'developer', content: 'Use metric units.' },
          { role: 'user', content: 'Hello' },
        ],
      },
      stream,
    );
    expect(lastBody()['system']).toEqual([
      { type: 'text', text: 'Be brief.' },
      { type: 'text', text: 'Use metric units.' },
    ]);
    await responsesTurn(
      harness.client,
      {
        model,
        instructions: 'Answer in French.',
        input: [
          { role: 'developer', content: 'Be kind.' },
          { role: 'user', content: 'Hi' },
        ],
      },
      stream,
    );
    expect(lastBody()['system']).toEqual([
      { type: 'text', text: 'Answer in French.' },
      { type: 'text', text: 'Be kind.' },
    ]);
  });

  it('usage: input counts cache reads and writes; a repeated prefix reports cached tokens', async () => {
    const request = { model, messages: [{ role: 'user' as const, content: `Cache me ${stream} please.` }] };
    const first = (await chatTurn(harness.client, request, stream)).usage;
    const second = (await chatTurn(harness.client, request, stream)).usage;
    expect(first?.prompt_tokens).toBe(second?.prompt_tokens);
    expect(first?.prompt_tokens_details).toMatchObject({
      cached_tokens: 0,
      cache_write_tokens: expect.any(Number),
    });
    const written = (first?.prompt_tokens_details as { cache_write_tokens?: number } | undefined)
      ?.cache_write_tokens;
    expect(written).toBeGreaterThan(0);
    expect(second?.prompt_tokens_details).toMatchObject({ cached_tokens: written, cache_write_tokens: 0 });
    expect(second?.total_tokens).toBe((second?.prompt_tokens ?? 0) + (second?.completion_tokens ?? 0));
    const response = await responsesTurn(
      harness.client,
      { model, input: `Cache me ${stream} please.` },
      stream,
    );
    expect(response.usage).toMatchObject({
      input_tokens: first?.prompt_tokens,
      input_tokens_details: { cached_tokens: written },
    });
  });

  it('A-21: ids the upstream minted outside Anthropic’s rules reach the client and are sanitized on the way back', async () => {
    const { client, lastHeaders } = recordingClient(harness.baseURL);
    const ask: OpenAI.ChatCompletionMessageParam = {
      role: 'user',
      content: 'Weather in Paris? #foreign-ids',
    };
    const first = await chatTurn(client, { model, messages: [ask], tools: [chatWeatherTool()] }, stream);
    const [call] = chatCalls(first);
    expect(call?.id).toBe('functions.get_weather:0');
    const answer = await chatTurn(
      client,
      {
        model,
        tools: [chatWeatherTool()],
        messages: [
          ask,
          first.choices[0]?.message as OpenAI.ChatCompletionMessageParam,
          { role: 'tool', tool_call_id: call?.id ?? '', content: '18C' },
        ],
      },
      stream,
    );
    expect(answer.choices[0]?.message.content).toBe('Paris: 18C');
    const [, assistant, results] = lastBody()['messages'] as Message[];
    const sentId = assistant?.content[0]?.['id'];
    expect(sentId).toMatch(/^[a-zA-Z0-9_-]+$/);
    expect(results?.content[0]?.['tool_use_id']).toBe(sentId);
    expect(lastHeaders()?.get('x-toolbridge-adjusted')).toContain(
      "tool call id(s) rewritten to Anthropic's id rules",
    );
  });
});
