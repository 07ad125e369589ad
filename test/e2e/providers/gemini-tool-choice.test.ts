import type OpenAI from 'openai';
import { describe, expect, it } from 'vitest';
import { useTestGateway } from '../../../test-support/gateway/start-test-gateway.js';
import { chatWeatherTool } from '../../../test-support/gateway/weather-tools.js';
import {
  adjusted,
  chatCalls,
  chatTurn,
  functionCalls,
  GEMINI_MODEL,
  geminiBodies,
  lastContents,
  responsesTurn,
} from './gemini-harness.js';

// tool_choice, allowed_tools and parallel_tool_calls over Gemini: native through
// `toolConfig.functionCallingConfig` where Gemini has a form, emulated and reported where it has none
// (docs/protocol/gemini.md, "tool_choice").
const timeTool: OpenAI.ChatCompletionTool = {
  type: 'function',
  function: {
    name: 'get_time',
    description: 'Current time.',
    parameters: { type: 'object', properties: {} },
  },
};
const tools = [chatWeatherTool(), timeTool];
const responsesTools: OpenAI.Responses.FunctionTool[] = tools.map((tool) => {
  const fn = (tool as OpenAI.ChatCompletionFunctionTool).function;
  return {
    type: 'function',
    name: fn.name,
    description: fn.description ?? null,
    parameters: fn.parameters ?? null,
    strict: false,
  };
});
const question = 'Weather in Paris and Oslo?';

function declarations(body: Record<string, unknown> | undefined): unknown[] {
  const declared = (body?.['tools'] ?? []) as Array<{ functionDeclarations: unknown[] }>;
  return declared[0]?.functionDeclarations ?? [];
}

function functionCallingConfig(body: Record<string, unknown> | undefined): unknown {
  return (body?.['toolConfig'] as { functionCallingConfig?: unknown } | undefined)?.functionCallingConfig;
}

describe.each([false, true])('Gemini upstream, tool_choice (stream: %s)', (stream) => {
  const harness = useTestGateway({ upstreamApi: 'gemini' });
  const ask = (extra: Partial<OpenAI.ChatCompletionCreateParamsNonStreaming>, content = question) =>
    chatTurn(
      harness.client,
      { model: GEMINI_MODEL, messages: [{ role: 'user', content }], tools, ...extra },
      stream,
    );

  it.each([
    ['auto', { mode: 'AUTO' }],
    ['required', { mode: 'ANY' }],
    ['none', { mode: 'NONE' }],
  ] as const)('tool_choice %s → mode %j (G-15)', async (choice, config) => {
    const { completion } = await ask({ tool_choice: choice });
    const body = geminiBodies(harness).at(-1);
    expect(functionCallingConfig(body)).toEqual(config);
    // The declarations stay even under NONE.
    expect(declarations(body)).toHaveLength(2);
    if (choice === 'none') {
      expect(chatCalls(completion)).toHaveLength(0);
      expect(completion.choices[0]?.message.content).toBe(`Echo: ${question}`);
    } else expect(chatCalls(completion).length).toBeGreaterThan(0);
  });

  it('a named function → ANY with that one name; Chat reports stop as OpenAI does (G-15)', async () => {
    const { completion } = await ask({ tool_choice: { type: 'function', function: { name: 'get_time' } } });
    expect(functionCallingConfig(geminiBodies(harness).at(-1))).toEqual({
      mode: 'ANY',
      allowedFunctionNames: ['get_time'],
    });
    expect(chatCalls(completion).map((call) => [call.function.name, call.function.arguments])).toEqual([
      ['get_time', '{}'],
    ]);
    expect(completion.choices[0]?.finish_reason).toBe('stop');
  });

  it('allowed_tools: required → ANY, auto → VALIDATED, with the names (G-16)', async () => {
    const allowed = (mode: 'auto' | 'required'): OpenAI.ChatCompletionAllowedToolChoice => ({
      type: 'allowed_tools',
      allowed_tools: { mode, tools: [{ type: 'function', function: { name: 'get_time' } }] },
    });
    const { completion, headers } = await ask({ tool_choice: allowed('required') });
    expect(chatCalls(completion).map((call) => call.function.name)).toEqual(['get_time']);
    await ask({ tool_choice: allowed('auto') });
    const [required, auto] = geminiBodies(harness);
    expect(functionCallingConfig(required)).toEqual({ mode: 'ANY', allowedFunctionNames: ['get_time'] });
    expect(functionCallingConfig(auto)).toEqual({ mode: 'VALIDATED', allowedFunctionNames: ['get_time'] });
    // Native: every tool is still declared and nothing is reported as emulated.
    expect(declarations(required)).toHaveLength(2);
    expect(adjusted(headers)).not.toContain('allowed_tools');
  });

  it('parallel_tool_calls:false is emulated: the first call only, reported in x-toolbridge-adjusted (G-17)', async () => {
    const { completion, headers } = await ask({ parallel_tool_calls: false });
    const calls = chatCalls(completion);
    expect(calls.map((call) => JSON.parse(call.function.arguments))).toEqual([{ city: 'Paris' }]);
    expect(completion.choices[0]?.finish_reason).toBe('tool_calls');
    expect(adjusted(headers)).toContain('parallel_tool_calls=false enforced by the gateway');
    // Gemini has no switch: nothing about it in the upstream body.
    expect(JSON.stringify(geminiBodies(harness).at(-1))).not.toContain('parallel');
    const message = completion.choices[0]?.message as OpenAI.ChatCompletionAssistantMessageParam;
    harness.mark();
    const { completion: answer } = await chatTurn(
      harness.client,
      {
        model: GEMINI_MODEL,
        tools,
        parallel_tool_calls: false,
        messages: [
          { role: 'user', content: question },
          message,
          { role: 'tool', tool_call_id: calls[0]?.id ?? '', content: '18C' },
        ],
      },
      stream,
    );
    expect(answer.choices[0]?.message.content).toBe('Paris: 18C');
    // The kept call is the signed first one, so the shorter history is still valid for Gemini.
    expect(typeof lastContents(harness)[1]?.parts[0]?.thoughtSignature).toBe('string');
  });

  it('Responses: parallel_tool_calls:false keeps one function_call item', async () => {
    const { response, headers } = await responsesTurn(
      harness.client,
      { model: GEMINI_MODEL, input: question, tools: responsesTools, parallel_tool_calls: false },
      stream,
    );
    expect(functionCalls(response)).toHaveLength(1);
    expect(adjusted(headers)).toContain('parallel_tool_calls=false');
  });
});

describe.each([false, true])('Gemini upstream, Responses tool_choice (stream: %s)', (stream) => {
  const harness = useTestGateway({ upstreamApi: 'gemini' });

  it.each([
    ['auto', 'auto', { mode: 'AUTO' }, 2],
    ['required', 'required', { mode: 'ANY' }, 2],
    ['none', 'none', { mode: 'NONE' }, 0],
    ['named', { type: 'function', name: 'get_time' }, { mode: 'ANY', allowedFunctionNames: ['get_time'] }, 1],
    [
      'allowed_tools',
      { type: 'allowed_tools', mode: 'required', tools: [{ type: 'function', name: 'get_time' }] },
      { mode: 'ANY', allowedFunctionNames: ['get_time'] },
      1,
    ],
  ] as const)('%s → %j (G-15, G-16)', async (_label, choice, config, calls) => {
    const { response } = await responsesTurn(
      harness.client,
      {
        model: GEMINI_MODEL,
        input: question,
        tools: responsesTools,
        tool_choice: choice as NonNullable<OpenAI.Responses.ResponseCreateParams['tool_choice']>,
      },
      stream,
    );
    expect(functionCalls(response)).toHaveLength(calls);
    expect(functionCallingConfig(geminiBodies(harness).at(-1))).toEqual(config);
    expect(response.tool_choice).toEqual(choice);
  });

  it('synthetic ids survive a previous_response_id chain (G-32)', async () => {
    const { response: first } = await responsesTurn(
      harness.client,
      { model: GEMINI_MODEL, input: `${question} #no-ids`, tools: responsesTools },
      stream,
    );
    const calls = functionCalls(first);
    expect(calls.map((call) => call.call_id)).toEqual([
      expect.stringMatching(/^call_[A-Za-z0-9]{24}$/),
      expect.stringMatching(/^call_[A-Za-z0-9]{24}$/),
    ]);
    harness.mark();
    const { response: second } = await responsesTurn(
      harness.client,
      {
        model: GEMINI_MODEL,
        tools: responsesTools,
        previous_response_id: first.id,
        input: calls.map((call) => ({
          type: 'function_call_output' as const,
          call_id: call.call_id,
          output: call.call_id,
        })),
      },
      stream,
    );
    // Each result reached Gemini after its own call, in order, named after it.
    expect(second.output_text).toBe(`Paris: ${calls[0]?.call_id}\nOslo: ${calls[1]?.call_id}`);
    expect(lastContents(harness)[2]?.parts.map((part) => part.functionResponse?.name)).toEqual([
      'get_weather',
      'get_weather',
    ]);
  });
});
