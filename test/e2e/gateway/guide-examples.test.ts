import type OpenAI from 'openai';
import { describe, expect, it } from 'vitest';
import { useTestGateway } from '../../../test-support/gateway/start-test-gateway.js';

// The guide's two examples (docs/protocol/guide.md#chat-completions-example and #responses-example),
// run with the official SDK against the gateway, over each upstream format.
const chatTools: OpenAI.ChatCompletionTool[] = [
  {
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
  },
];

const responsesTools: OpenAI.Responses.FunctionTool[] = [
  {
    type: 'function',
    name: 'get_weather',
    description: '获取指定城市的当前天气',
    parameters: {
      type: 'object',
      properties: { city: { type: 'string', description: '城市名,如:北京' } },
      required: ['city'],
      additionalProperties: false,
    },
    strict: null,
  },
];

const weather = (city: string) => JSON.stringify({ city, temp: '26°C', condition: '晴' });

describe.each(['chat', 'responses'] as const)('the guide over a %s upstream', (upstreamApi) => {
  const harness = useTestGateway({ upstreamApi });

  it('runs the Chat Completions loop: call, local execution, result, answer', async () => {
    const messages: OpenAI.ChatCompletionMessageParam[] = [{ role: 'user', content: '北京天气怎么样?' }];
    const r1 = await harness.client.chat.completions.create({ model: 'gpt-5.4', messages, tools: chatTools });
    expect(r1.choices[0]?.finish_reason).toBe('tool_calls');
    const toolCall = r1.choices[0]?.message.tool_calls?.[0];
    if (toolCall?.type !== 'function') throw new Error('expected a function call');
    expect(toolCall.id).toMatch(/^call_/);
    const args = JSON.parse(toolCall.function.arguments) as { city: string };
    expect(args).toEqual({ city: '北京' });
    messages.push(r1.choices[0]!.message);
    messages.push({ role: 'tool', tool_call_id: toolCall.id, content: weather(args.city) });
    const r2 = await harness.client.chat.completions.create({ model: 'gpt-5.4', messages, tools: chatTools });
    expect(r2.choices[0]?.finish_reason).toBe('stop');
    expect(r2.choices[0]?.message.content).toContain('26°C');
    const upstreamBodies = harness.upstream.requests.map((request) => request.body);
    expect(upstreamBodies.length).toBeGreaterThanOrEqual(2);
  });

  it('runs the Responses loop with previous_response_id', async () => {
    const r1 = await harness.client.responses.create({
      model: 'gpt-5.4',
      input: '北京天气怎么样?',
      tools: responsesTools,
    });
    expect(r1.id).toMatch(/^resp_/);
    const call = r1.output.find((item) => item.type === 'function_call');
    if (call?.type !== 'function_call') throw new Error('expected a function_call item');
    expect(call.id).toMatch(/^fc_/);
    expect(r1.tools[0]).toMatchObject({ name: 'get_weather', strict: true });
    const args = JSON.parse(call.arguments) as { city: string };
    expect(args.city).toBe('北京');
    const r2 = await harness.client.responses.create({
      model: 'gpt-5.4',
      previous_response_id: r1.id,
      input: [{ type: 'function_call_output', call_id: call.call_id, output: weather(args.city) }],
      tools: responsesTools,
    });
    expect(r2.previous_response_id).toBe(r1.id);
    expect(r2.output_text).toContain('26°C');
    // The upstream is stateless: the gateway replayed the whole conversation to it.
    const last = harness.upstream.requests.at(-1)?.body as Record<string, unknown>;
    expect(JSON.stringify(last)).toContain('北京天气怎么样?');
    expect(last).not.toHaveProperty('previous_response_id');
  });

  it('streams Chat tool calls that accumulate by index (the streaming loop of the guide)', async () => {
    const stream = await harness.client.chat.completions.create({
      model: 'gpt-5.4',
      messages: [{ role: 'user', content: '北京和上海的天气怎么样?' }],
      tools: chatTools,
      stream: true,
    });
    const calls = new Map<number, { name: string; arguments: string }>();
    for await (const chunk of stream) {
      for (const delta of chunk.choices[0]?.delta.tool_calls ?? []) {
        const entry = calls.get(delta.index) ?? { name: '', arguments: '' };
        if (delta.function?.name) entry.name = delta.function.name;
        if (delta.function?.arguments) entry.arguments += delta.function.arguments;
        calls.set(delta.index, entry);
      }
    }
    expect([...calls.values()].map((call) => JSON.parse(call.arguments))).toEqual([
      { city: '北京' },
      { city: '上海' },
    ]);
  });

  it('works with chat.completions.stream() and responses.stream() helpers', async () => {
    const chat = harness.client.chat.completions.stream({
      model: 'gpt-5.4',
      messages: [{ role: 'user', content: '北京天气怎么样?' }],
      tools: chatTools,
    });
    const done: string[] = [];
    chat.on('tool_calls.function.arguments.done', (event) => done.push(event.arguments));
    const final = await chat.finalChatCompletion();
    expect(final.choices[0]?.message.tool_calls?.length).toBe(1);
    expect(done).toEqual(['{"city":"北京"}']);

    const responses = harness.client.responses.stream({
      model: 'gpt-5.4',
      input: '北京天气怎么样?',
      tools: responsesTools,
    });
    const argumentsDone: string[] = [];
    responses.on('response.function_call_arguments.done', (event) => argumentsDone.push(event.arguments));
    const response = await responses.finalResponse();
    expect(argumentsDone).toEqual(['{"city":"北京"}']);
    const stored = await harness.client.responses.retrieve(response.id);
    // The SDK's stream helper adds `parsed_arguments` client-side; everything the server sent must match.
    const withoutParsed = response.output.map((item) => {
      const { parsed_arguments: _parsed, ...rest } = item as typeof item & { parsed_arguments?: unknown };
      return rest;
    });
    expect(stored.output).toEqual(withoutParsed);
  });
});
