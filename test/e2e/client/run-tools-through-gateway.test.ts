import { defineTool } from '@toolbridge/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type GatewayBackend, startGatewayBackend } from '../../../test-support/client/gateway-backend.js';
import { runOn, SETUPS } from '../../../test-support/client/run-on.js';
import { weatherParameters, weatherTool } from '../../../test-support/client/weather-tools.js';

// runTools against the real gateway + scripted upstream, on both endpoints, streaming and not. The
// upstream speaks the other format than the client, so every request is translated on the way.
describe.each(SETUPS)('runTools through the gateway: $api, stream=$stream', (setup) => {
  let backend: GatewayBackend;
  beforeAll(async () => {
    backend = await startGatewayBackend(setup.api === 'chat' ? 'responses' : 'chat');
  });
  afterAll(async () => {
    await backend.close();
  });

  it('runs the guide loop with two parallel calls, paired by id, in call order', async () => {
    const { tool, calls } = weatherTool();
    const result = await runOn(setup, backend, '北京和上海的天气怎么样?', { tools: [tool] });
    expect(result.stoppedBy).toBe('answer');
    expect(calls.sort()).toEqual(['上海', '北京']);
    const first = result.steps[0]!;
    expect(first.results.map((entry) => entry.callId)).toEqual(first.calls.map((call) => call.callId));
    expect(result.text).toContain('北京');
    expect(result.text).toContain('上海');
    expect(result.usage.inputTokens).toBeGreaterThan(0);
    expect(result.cost?.total).toBeGreaterThan(0);
  });

  it('sends a thrown error back to the model as the tool result', async () => {
    const failing = defineTool({
      name: 'get_weather',
      parameters: weatherParameters,
      strict: true,
      execute: () => {
        throw new Error('weather service down');
      },
    });
    const result = await runOn(setup, backend, '北京天气怎么样?', { tools: [failing] });
    expect(result.steps[0]?.results[0]?.outcome).toBe('tool-error');
    expect(result.text).toContain('weather service down');
  });

  it('times a slow tool out and reports it to the model', async () => {
    const slow = defineTool({
      name: 'get_weather',
      parameters: weatherParameters,
      strict: true,
      timeoutMs: 50,
      // A well-behaved slow tool: it stops (rejects) when its signal fires.
      execute: (_args, { signal }) =>
        new Promise((_resolve, reject) => signal.addEventListener('abort', () => reject(signal.reason))),
    });
    const result = await runOn(setup, backend, '北京天气怎么样?', { tools: [slow] });
    expect(result.steps[0]?.results[0]?.outcome).toBe('timeout');
    expect(result.stoppedBy).toBe('answer');
  });

  it('never sees arguments that break a strict schema: the gateway repairs them first', async () => {
    const { tool, calls } = weatherTool();
    const result = await runOn(setup, backend, '北京天气怎么样? #invalid-once', { tools: [tool] });
    expect(result.steps[0]?.results[0]?.outcome).toBe('success');
    expect(calls).toEqual(['北京']);
  });

  it('rejects invalid arguments of a non-strict tool itself and tells the model', async () => {
    const loose = defineTool({
      name: 'get_weather',
      parameters: weatherParameters,
      execute: ({ city }: { city: string }) => city,
    });
    const result = await runOn(setup, backend, '北京天气怎么样? #schema-violation', {
      tools: [loose],
      maxTurns: 2,
    });
    const first = result.steps[0]!.results[0]!;
    expect(first.outcome).toBe('invalid-arguments');
    expect(first.executed).toBe(false);
  });

  it('an unknown tool never reaches the loop: the gateway fails the turn with a clear error', async () => {
    const { tool } = weatherTool();
    await expect(runOn(setup, backend, '北京天气怎么样? #unknown-tool', { tools: [tool] })).rejects.toThrow(
      /scripted_unknown_tool/,
    );
  });

  it('stops at max turns with every call answered', async () => {
    // A non-strict tool whose arguments never parse: the model keeps calling, the loop keeps answering.
    const loose = defineTool({ name: 'get_weather', parameters: weatherParameters, execute: () => 'x' });
    const result = await runOn(setup, backend, '北京天气怎么样? #invalid-json', {
      tools: [loose],
      maxTurns: 2,
    });
    expect(result.stoppedBy).toBe('max-turns');
    expect(result.steps).toHaveLength(2);
    for (const step of result.steps)
      expect(step.results.map((entry) => entry.callId)).toEqual(step.calls.map((call) => call.callId));
  });

  it('aborts mid-run while a tool runs', async () => {
    const controller = new AbortController();
    const stuck = defineTool({
      name: 'get_weather',
      parameters: weatherParameters,
      strict: true,
      execute: (_args, { signal }) =>
        new Promise((resolve) => {
          controller.abort();
          signal.addEventListener('abort', () => resolve('stopped'));
        }),
    });
    const result = await runOn(setup, backend, '北京天气怎么样?', {
      tools: [stuck],
      signal: controller.signal,
    });
    expect(result.stoppedBy).toBe('aborted');
    expect(result.steps.at(-1)?.results[0]?.outcome).toBe('aborted');
  });

  it('sends a denial back to the model without running the tool', async () => {
    const { tool, calls } = weatherTool();
    const result = await runOn(setup, backend, '北京天气怎么样?', {
      tools: [tool],
      approve: () => ({ approved: false, reason: 'the user said no' }),
    });
    expect(calls).toEqual([]);
    expect(result.steps[0]?.results[0]?.outcome).toBe('denied');
    expect(result.text).toContain('the user said no');
  });
});
