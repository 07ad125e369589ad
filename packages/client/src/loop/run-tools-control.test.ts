import OpenAI from 'openai';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { type Backend, startBackend } from '../../../../test-support/client/backend.js';
import { runOn, SETUPS, sentBodies } from '../../../../test-support/client/run-on.js';
import { weatherParameters, weatherTool } from '../../../../test-support/client/weather-tools.js';
import { ToolbridgeClientError } from '../errors/toolbridge-client-error.js';
import { defineTool } from '../tools/define-tool.js';
import { runTools } from './run-tools.js';
import type { ChatRunOptions } from './run-tools-options.js';

async function failure(promise: Promise<unknown>): Promise<ToolbridgeClientError> {
  try {
    await promise;
  } catch (error) {
    if (ToolbridgeClientError.isInstance(error)) return error;
    throw error;
  }
  throw new Error('the run succeeded');
}

function waitForever(signal: AbortSignal, seen: { aborted: boolean }): Promise<never> {
  return new Promise((_resolve, reject) => {
    signal.addEventListener('abort', () => {
      seen.aborted = true;
      reject(signal.reason);
    });
  });
}

describe.each(SETUPS)('runTools control on $api (stream: $stream)', (setup) => {
  let backend: Backend;
  beforeEach(async () => {
    backend = await startBackend();
  });
  afterEach(() => backend.close());

  test('max turns: the loop stops with every call answered', async () => {
    const { tool, calls } = weatherTool();
    const result = await runOn(setup, backend, '北京天气怎么样? #invalid-json', {
      tools: [tool],
      maxTurns: 2,
    });
    expect(result.stoppedBy).toBe('max-turns');
    expect(result.steps).toHaveLength(2);
    for (const step of result.steps)
      expect(step.results.map((each) => each.outcome)).toEqual(['invalid-arguments']);
    expect(calls).toEqual([]);
  });

  test("max turns with finalAnswerOnMaxTurns: one more request with tool_choice 'none' gives the answer", async () => {
    const { tool } = weatherTool();
    const result = await runOn(setup, backend, '北京天气怎么样? #invalid-json', {
      tools: [tool],
      maxTurns: 2,
      finalAnswerOnMaxTurns: true,
    });
    expect(result.stoppedBy).toBe('max-turns');
    expect(result.steps.map((step) => step.kind)).toEqual(['turn', 'turn', 'final-answer']);
    expect(sentBodies(backend).at(-1)?.['tool_choice']).toBe('none');
    expect(result.steps.at(-1)?.calls).toEqual([]);
    expect(result.text).not.toBe('');
  });

  test('abort while a tool runs: the tool sees its signal, its result is aborted, nothing more is sent', async () => {
    const controller = new AbortController();
    const seen = { aborted: false };
    const tool = defineTool({
      name: 'get_weather',
      parameters: weatherParameters,
      execute: (_args, { signal }) => waitForever(signal, seen),
    });
    const result = await runOn(setup, backend, '北京天气怎么样?', {
      tools: [tool],
      signal: controller.signal,
      onToolStart: () => setTimeout(() => controller.abort(), 10),
    });
    expect(result.stoppedBy).toBe('aborted');
    expect(seen.aborted).toBe(true);
    expect(result.steps).toHaveLength(1);
    expect(result.steps[0]?.results[0]).toMatchObject({
      outcome: 'aborted',
      executed: true,
      error: { code: 'aborted' },
    });
    const callId = result.steps[0]?.calls[0]?.callId;
    expect(result.items.at(-1)).toMatchObject({
      type: 'function_call_output',
      call_id: callId,
      status: 'incomplete',
    });
    expect(result.messages.at(-1)).toMatchObject({ role: 'tool', tool_call_id: callId });
    expect(sentBodies(backend)).toHaveLength(1);
  });

  test('abort during the model request: no step, no dangling call', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 30);
    const { tool, calls } = weatherTool();
    const result = await runOn(setup, backend, '北京天气怎么样? #first-byte-delay=2000', {
      tools: [tool],
      signal: controller.signal,
    });
    expect(result.stoppedBy).toBe('aborted');
    expect(result.steps).toEqual([]);
    expect(calls).toEqual([]);
    expect(result.messages).toEqual([{ role: 'user', content: '北京天气怎么样? #first-byte-delay=2000' }]);
  });

  test('throwOnAbort rejects with aborted instead', async () => {
    const controller = new AbortController();
    const seen = { aborted: false };
    const tool = defineTool({
      name: 'get_weather',
      parameters: weatherParameters,
      execute: (_args, { signal }) => waitForever(signal, seen),
    });
    const error = await failure(
      runOn(setup, backend, '北京天气怎么样?', {
        tools: [tool],
        signal: controller.signal,
        throwOnAbort: true,
        onToolStart: () => controller.abort(new Error('stop')),
      }),
    );
    expect(error.code).toBe('aborted');
  });

  test('approval denial: the tool never runs and the reason goes back to the model', async () => {
    const { tool, calls } = weatherTool();
    const asked: unknown[] = [];
    const result = await runOn(setup, backend, '北京天气怎么样?', {
      tools: [tool],
      approve: ({ toolName, callId, args }) => {
        asked.push({ toolName, callId, args });
        return { approved: false, reason: 'the user said no' };
      },
    });
    const callId = result.steps[0]?.calls[0]?.callId;
    expect(asked).toEqual([{ toolName: 'get_weather', callId, args: { city: '北京' } }]);
    expect(result.steps[0]?.results[0]).toMatchObject({
      outcome: 'denied',
      executed: false,
      error: { code: 'denied' },
    });
    expect(calls).toEqual([]);
    expect(result.text).toContain('the user said no');
  });

  test('needsApproval false skips the approver; needsApproval without an approver is refused up front', async () => {
    const free = defineTool({
      name: 'get_weather',
      parameters: weatherParameters,
      needsApproval: false,
      execute: () => 'sunny',
    });
    let asked = 0;
    const result = await runOn(setup, backend, '北京天气怎么样?', {
      tools: [free],
      approve: () => {
        asked += 1;
        return { approved: false, reason: 'no' };
      },
    });
    expect(asked).toBe(0);
    expect(result.steps[0]?.results[0]?.outcome).toBe('success');
    const guarded = defineTool({
      name: 'get_weather',
      parameters: weatherParameters,
      needsApproval: true,
      execute: () => 'x',
    });
    expect((await failure(runOn(setup, backend, '北京天气怎么样?', { tools: [guarded] }))).code).toBe(
      'invalid_options',
    );
  });

  test('a forced tool runs once and the run stops with forced-tool', async () => {
    const { tool, calls } = weatherTool();
    const result = await runOn(setup, backend, '北京天气怎么样?', {
      tools: [tool],
      toolChoice: { type: 'function', name: 'get_weather' },
    });
    expect(result.stoppedBy).toBe('forced-tool');
    expect(result.steps).toHaveLength(1);
    expect(calls).toEqual(['北京']);
    expect(sentBodies(backend)).toHaveLength(1);
    expect(result.items.at(-1)).toMatchObject({ type: 'function_call_output' });
  });

  test('allowedTools is sent as the endpoint’s allowed_tools tool_choice', async () => {
    const { tool } = weatherTool();
    const other = defineTool({
      name: 'get_time',
      parameters: { type: 'object', properties: {} },
      execute: () => 'noon',
    });
    const result = await runOn(setup, backend, '北京天气怎么样?', {
      tools: [tool, other],
      allowedTools: ['get_weather'],
    });
    const expected =
      setup.api === 'chat'
        ? {
            type: 'allowed_tools',
            allowed_tools: { mode: 'auto', tools: [{ type: 'function', function: { name: 'get_weather' } }] },
          }
        : { type: 'allowed_tools', mode: 'auto', tools: [{ type: 'function', name: 'get_weather' }] };
    expect(sentBodies(backend)[0]?.['tool_choice']).toEqual(expected);
    expect(sentBodies(backend)[0]?.['tools']).toHaveLength(2);
    expect(result.steps[0]?.results[0]?.outcome).toBe('success');
  });

  test('a server error rejects the run with transport_error and the status', async () => {
    const { tool } = weatherTool();
    const client = new OpenAI({ baseURL: backend.baseURL, apiKey: 'test', maxRetries: 0 });
    const error = await failure(
      runOn(setup, backend, '北京天气怎么样? #error=500', { tools: [tool], client }),
    );
    expect(error).toMatchObject({ code: 'transport_error', status: 500 });
  });

  test('callbacks see steps and tools in order; a callback that throws fails the run after its step', async () => {
    const { tool } = weatherTool();
    const events: string[] = [];
    await runOn(setup, backend, '北京天气怎么样?', {
      tools: [tool],
      onStepStart: ({ stepIndex }) => events.push(`step ${stepIndex}`),
      onToolStart: ({ toolName }) => events.push(`start ${toolName}`),
      onToolEnd: ({ outcome }) => events.push(`end ${outcome}`),
      onStepEnd: ({ index }) => events.push(`step ${index} done`),
    });
    expect(events).toEqual([
      'step 0',
      'start get_weather',
      'end success',
      'step 0 done',
      'step 1',
      'step 1 done',
    ]);
    const error = await failure(
      runOn(setup, backend, '北京天气怎么样?', {
        tools: [tool],
        onToolEnd: () => {
          throw new Error('listener bug');
        },
      }),
    );
    expect(error).toMatchObject({ code: 'callback_failed' });
    expect(error.cause).toEqual(new Error('listener bug'));
  });

  test('onToolCalls lists every call of an answer before the first one starts', async () => {
    const { tool } = weatherTool();
    const events: string[] = [];
    await runOn(setup, backend, '北京和上海的天气怎么样?', {
      tools: [tool],
      maxConcurrency: 1,
      onToolCalls: ({ stepIndex, calls }) =>
        events.push(`calls ${stepIndex}: ${calls.map((call) => call.argumentsText).join(' ')}`),
      onToolStart: ({ args }) => events.push(`start ${JSON.stringify(args)}`),
      onToolEnd: ({ outcome }) => events.push(`end ${outcome}`),
    });
    expect(events).toEqual([
      'calls 0: {"city":"北京"} {"city":"上海"}',
      'start {"city":"北京"}',
      'end success',
      'start {"city":"上海"}',
      'end success',
    ]);
  });
});

describe('runTools option checks', () => {
  const { tool } = weatherTool();
  const base = { baseURL: 'http://127.0.0.1:9/v1', apiKey: 'test', model: 'gpt-5.4', tools: [tool] };
  test.each([
    ['maxTurns 0', { maxTurns: 0 }],
    ['maxConcurrency 1.5', { maxConcurrency: 1.5 }],
    ['a negative tool timeout', { toolTimeoutMs: -1 }],
    ['a forced tool that is not defined', { toolChoice: { type: 'function' as const, name: 'nope' } }],
    ['allowedTools naming an undefined tool', { allowedTools: ['nope'] }],
    ["allowedTools with tool_choice 'none'", { allowedTools: ['get_weather'], toolChoice: 'none' as const }],
    ['two tools with one name', { tools: [tool, tool] }],
  ])('%s is refused before any request', async (_label, options) => {
    const error = await failure(runOnChat({ ...base, ...options }));
    expect(error.code).toBe('invalid_options');
  });

  test("state 'server' with store: false is refused", async () => {
    const error = await failure(
      runTools({ ...base, api: 'responses', input: 'x', state: 'server', store: false }),
    );
    expect(error.code).toBe('invalid_options');
  });
});

function runOnChat(options: Omit<ChatRunOptions, 'api' | 'messages'>) {
  return runTools({ ...options, api: 'chat', messages: 'x' });
}
