import { computeCost } from '@toolbridge/core';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { type Backend, startBackend } from '../../../../test-support/client/backend.js';
import { runOn, SETUPS, sentBodies } from '../../../../test-support/client/run-on.js';
import { weatherParameters, weatherTool } from '../../../../test-support/client/weather-tools.js';
import { defineTool } from '../tools/define-tool.js';
import { sumUsage } from './sum-usage.js';

describe.each(SETUPS)('runTools on $api (stream: $stream)', (setup) => {
  let backend: Backend;
  beforeEach(async () => {
    backend = await startBackend();
  });
  afterEach(() => backend.close());

  test("the guide's weather loop: one call, its result sent back, an answer that uses it", async () => {
    const { tool, calls } = weatherTool();
    const result = await runOn(setup, backend, '北京天气怎么样?', { tools: [tool] });
    expect(result.stoppedBy).toBe('answer');
    expect(calls).toEqual(['北京']);
    expect(result.steps).toHaveLength(2);
    const [first] = result.steps;
    expect(first?.calls).toMatchObject([{ toolName: 'get_weather', argumentsText: '{"city":"北京"}' }]);
    expect(first?.results).toMatchObject([
      { outcome: 'success', executed: true, value: { city: '北京', temp: '26°C', condition: '晴' } },
    ]);
    expect(result.text).toContain('26°C');
    const callId = first?.calls[0]?.callId;
    if (setup.api === 'chat') {
      expect(result.messages.map((message) => message.role)).toEqual([
        'user',
        'assistant',
        'tool',
        'assistant',
      ]);
      expect(result.messages[2]).toMatchObject({ role: 'tool', tool_call_id: callId });
    } else {
      expect(result.items.map((item) => ('type' in item ? item.type : 'message'))).toEqual([
        'message',
        'function_call',
        'function_call_output',
        'message',
      ]);
      expect(result.items[2]).toMatchObject({ type: 'function_call_output', call_id: callId });
    }
  });

  test('usage is summed over steps, cached tokens included, and priced with the guide’s table', async () => {
    const { tool } = weatherTool();
    const result = await runOn(setup, backend, '北京天气怎么样?', { tools: [tool] });
    expect(result.usage).toEqual(sumUsage(result.steps.map((step) => step.usage)));
    expect(result.usage.cachedTokens).toBeGreaterThan(0);
    const expected = computeCost(result.usage, 'gpt-5.4');
    expect(result.cost?.total).toBeCloseTo(expected?.total ?? Number.NaN, 12);
    expect(result.cost?.cachedInput).toBeGreaterThan(0);
    const unpriced = await runOn(setup, backend, '北京天气怎么样?', { tools: [tool], model: 'house-model' });
    expect(unpriced.cost).toBeNull();
    const overridden = await runOn(setup, backend, '北京天气怎么样?', {
      tools: [tool],
      model: 'house-model',
      prices: { 'house-model': { input: 1_000_000, output: 0, cachedInput: 0 } },
    });
    expect(overridden.cost?.total).toBe(overridden.usage.inputTokens - overridden.usage.cachedTokens);
  });

  test('two cities: two calls run in parallel, results kept in call order', async () => {
    let running = 0;
    let peak = 0;
    const tool = defineTool<{ city: string }>({
      name: 'get_weather',
      parameters: weatherParameters,
      execute: async ({ city }) => {
        running += 1;
        peak = Math.max(peak, running);
        // The first call finishes last, so order cannot come from completion order.
        await new Promise((resolve) => setTimeout(resolve, city === '北京' ? 60 : 10));
        running -= 1;
        return `${city}: 26°C`;
      },
    });
    const result = await runOn(setup, backend, '北京和上海天气怎么样?', { tools: [tool] });
    const [first] = result.steps;
    expect(first?.results.map((each) => each.output)).toEqual(['北京: 26°C', '上海: 26°C']);
    expect(first?.results.map((each) => each.callId)).toEqual(first?.calls.map((call) => call.callId));
    expect(peak).toBe(2);
    expect(result.text).toContain('北京: 26°C');
    expect(result.text).toContain('上海: 26°C');
  });

  test('parallelToolCalls false runs calls one after another and says so in the request', async () => {
    let running = 0;
    let peak = 0;
    const tool = defineTool<{ city: string }>({
      name: 'get_weather',
      parameters: weatherParameters,
      execute: async () => {
        running += 1;
        peak = Math.max(peak, running);
        await new Promise((resolve) => setTimeout(resolve, 20));
        running -= 1;
        return 'ok';
      },
    });
    // `#parallel` makes the backend return two calls anyway, as some servers do.
    const result = await runOn(setup, backend, '北京和上海天气怎么样? #parallel', {
      tools: [tool],
      parallelToolCalls: false,
    });
    expect(result.steps[0]?.calls).toHaveLength(2);
    expect(peak).toBe(1);
    expect(sentBodies(backend)[0]?.['parallel_tool_calls']).toBe(false);
  });

  test('a tool that throws: its error goes back to the model and the loop goes on', async () => {
    const tool = defineTool({
      name: 'get_weather',
      parameters: weatherParameters,
      execute: () => {
        throw new Error('weather service down');
      },
    });
    const result = await runOn(setup, backend, '北京天气怎么样?', { tools: [tool] });
    expect(result.stoppedBy).toBe('answer');
    const failed = result.steps[0]?.results[0];
    expect(failed).toMatchObject({
      outcome: 'tool-error',
      executed: true,
      error: { code: 'tool_error', toolName: 'get_weather' },
    });
    expect(JSON.parse(failed?.output ?? '')).toEqual({
      error: { code: 'tool_error', message: 'Tool get_weather failed: weather service down' },
    });
    expect(result.text).toContain('weather service down');
  });

  test('a tool that outlives its timeout is told to stop and gets a timeout result', async () => {
    let sawAbort = false;
    const tool = defineTool({
      name: 'get_weather',
      parameters: weatherParameters,
      timeoutMs: 50,
      execute: (_args, { signal }) =>
        new Promise((_resolve, reject) => {
          signal.addEventListener('abort', () => {
            sawAbort = true;
            reject(signal.reason);
          });
        }),
    });
    const result = await runOn(setup, backend, '北京天气怎么样?', { tools: [tool] });
    const timedOut = result.steps[0]?.results[0];
    expect(timedOut).toMatchObject({ outcome: 'timeout', error: { code: 'timeout' } });
    expect(timedOut?.stillRunning).toBeUndefined();
    expect(sawAbort).toBe(true);
    expect(result.stoppedBy).toBe('answer');
    expect(result.text).toContain('did not finish within 50 ms');
  });

  test('a run-wide tool timeout applies to tools without their own', async () => {
    const tool = defineTool({
      name: 'get_weather',
      parameters: weatherParameters,
      execute: () => new Promise(() => {}),
    });
    const result = await runOn(setup, backend, '北京天气怎么样?', {
      tools: [tool],
      toolTimeoutMs: 30,
      toolSettleGraceMs: 10,
    });
    expect(result.steps[0]?.results[0]).toMatchObject({ outcome: 'timeout', stillRunning: true });
    expect(result.steps[0]?.notes.join(' ')).toContain('may still be running');
  });

  test('an unknown tool is never executed; its result lists the available names', async () => {
    const { tool, calls } = weatherTool();
    const result = await runOn(setup, backend, '北京天气怎么样? #unknown-tool', { tools: [tool] });
    const unknown = result.steps[0]?.results[0];
    expect(unknown).toMatchObject({
      outcome: 'unknown-tool',
      executed: false,
      error: { code: 'unknown_tool' },
    });
    expect(unknown?.output).toContain('Available tools: \\"get_weather\\"');
    expect(calls).toEqual([]);
    expect(result.stoppedBy).toBe('answer');
  });

  test('arguments that are not JSON are never executed; the model is told, retries, and the retry runs', async () => {
    const { tool, calls } = weatherTool();
    const result = await runOn(setup, backend, '北京天气怎么样? #invalid-once', { tools: [tool] });
    const [first, second] = result.steps;
    expect(first?.results[0]).toMatchObject({
      outcome: 'invalid-arguments',
      argumentsProblem: 'invalid_json',
      executed: false,
    });
    expect(first?.results[0]?.output).toContain('not valid JSON');
    expect(first?.notes.join(' ')).toContain('as the model sent them');
    expect(second?.results[0]).toMatchObject({ outcome: 'success' });
    expect(calls).toEqual(['北京']);
    // History keeps the broken arguments as sent; the server accepted them back.
    expect(JSON.stringify(sentBodies(backend).at(-2))).toContain(
      JSON.stringify(first?.calls[0]?.argumentsText).slice(1, -1),
    );
  });

  test("invalidArgumentsInHistory 'empty-object' replays {} in place of arguments that are not JSON", async () => {
    const { tool } = weatherTool();
    const result = await runOn(setup, backend, '北京天气怎么样? #invalid-once', {
      tools: [tool],
      invalidArgumentsInHistory: 'empty-object',
    });
    const broken = result.steps[0]?.calls[0];
    expect(broken?.argumentsText).not.toBe('{}');
    expect(result.steps[0]?.notes.join(' ')).toContain('replaced by {}');
    const firstCall =
      setup.api === 'chat'
        ? result.messages.flatMap((message) =>
            message.role === 'assistant' ? (message.tool_calls ?? []) : [],
          )[0]?.function
        : result.items.find((item) => item.type === 'function_call');
    expect(firstCall).toMatchObject({ arguments: '{}' });
  });

  test('instructions go to every request: a system message on Chat, the instructions field on Responses', async () => {
    const { tool } = weatherTool();
    await runOn(setup, backend, '北京天气怎么样?', { tools: [tool], instructions: '用中文回答' });
    const bodies = sentBodies(backend).filter((body) => body['previous_response_id'] === undefined);
    expect(bodies.length).toBeGreaterThanOrEqual(2);
    for (const body of bodies) {
      if (setup.api === 'chat')
        expect((body['messages'] as unknown[])[0]).toEqual({ role: 'system', content: '用中文回答' });
      else expect(body['instructions']).toBe('用中文回答');
    }
  });

  test('arguments that break the schema are never executed', async () => {
    const { tool, calls } = weatherTool();
    const result = await runOn(setup, backend, '北京天气怎么样? #schema-violation', {
      tools: [tool],
      maxTurns: 1,
    });
    expect(result.steps[0]?.results[0]).toMatchObject({
      outcome: 'invalid-arguments',
      argumentsProblem: 'schema_violation',
    });
    expect(calls).toEqual([]);
  });

  test('a turn cut off by the output limit never runs its calls', async () => {
    const { tool, calls } = weatherTool();
    const result = await runOn(setup, backend, '北京天气怎么样? #length', { tools: [tool], maxTurns: 1 });
    expect(result.steps[0]?.finishReason).toBe('length');
    expect(result.steps[0]?.results[0]).toMatchObject({
      outcome: 'not-run',
      executed: false,
      error: { code: 'truncated' },
    });
    expect(calls).toEqual([]);
  });

  test('text and argument fragments reach the callbacks as they stream', async () => {
    const { tool } = weatherTool();
    let text = '';
    const argumentsByCall = new Map<string, string>();
    const result = await runOn(setup, backend, '北京天气怎么样? #fragments=4', {
      tools: [tool],
      onTextDelta: ({ delta }) => {
        text += delta;
      },
      onToolArgumentsDelta: ({ callId, delta }) =>
        argumentsByCall.set(callId, (argumentsByCall.get(callId) ?? '') + delta),
    });
    const call = result.steps[0]?.calls[0];
    if (setup.stream) {
      expect(text).toBe(result.text);
      expect([...argumentsByCall]).toEqual([[call?.callId, call?.argumentsText]]);
    } else {
      expect(text).toBe('');
      expect(argumentsByCall.size).toBe(0);
    }
  });
});
