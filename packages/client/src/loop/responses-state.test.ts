import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { type Backend, startBackend } from '../../../../test-support/client/backend.js';
import { sentBodies } from '../../../../test-support/client/run-on.js';
import {
  type StatefulResponsesProxy,
  startStatefulResponsesProxy,
} from '../../../../test-support/client/stateful-responses-proxy.js';
import { weatherTool } from '../../../../test-support/client/weather-tools.js';
import { ToolbridgeClientError } from '../errors/toolbridge-client-error.js';
import { runTools } from './run-tools.js';
import type { ResponsesRunOptions } from './run-tools-options.js';

type Options = Omit<ResponsesRunOptions, 'api' | 'input' | 'model' | 'tools'> & { input?: string };

function run(baseURL: string, options: Options = {}) {
  const { tool } = weatherTool();
  return runTools({
    api: 'responses',
    baseURL,
    apiKey: 'test',
    model: 'gpt-5.4',
    tools: [tool],
    input: '北京天气怎么样?',
    ...options,
  });
}

describe.each([false, true])('Responses conversation state (stream: %s)', (stream) => {
  let backend: Backend;
  let proxy: StatefulResponsesProxy;
  beforeEach(async () => {
    backend = await startBackend();
    proxy = await startStatefulResponsesProxy(backend.baseURL);
  });
  afterEach(async () => {
    await proxy.close();
    await backend.close();
  });

  test('a stateful server is continued with previous_response_id and only the new items', async () => {
    const result = await run(proxy.baseURL, { stream, state: 'server' });
    expect(result.stoppedBy).toBe('answer');
    const [first, second] = proxy.received;
    expect(first?.['previous_response_id']).toBeUndefined();
    expect(second?.['previous_response_id']).toBe(result.steps[0]?.response['id']);
    expect(second?.['input']).toEqual([
      {
        type: 'function_call_output',
        call_id: result.steps[0]?.calls[0]?.callId,
        output: result.steps[0]?.results[0]?.output,
      },
    ]);
    expect(result.steps.map((step) => step.state)).toEqual(['server', 'server']);
    expect(result.lastResponseId).toBe(result.steps[1]?.response['id']);
    expect(result.text).toContain('26°C');
  });

  test('auto mode against a stateful server never falls back', async () => {
    const result = await run(proxy.baseURL, { stream });
    expect(proxy.received[1]?.['previous_response_id']).toBeDefined();
    expect(result.steps.flatMap((step) => step.notes)).toEqual([]);
  });

  test('auto mode against a stateless server switches to replay once, and says so', async () => {
    const result = await run(backend.baseURL, { stream });
    expect(result.stoppedBy).toBe('answer');
    expect(result.steps.map((step) => step.state)).toEqual(['server', 'replay']);
    expect(result.steps[1]?.notes.join(' ')).toMatch(/previous_response_id.*Replaying the full history/);
    const bodies = sentBodies(backend);
    expect(bodies).toHaveLength(3);
    expect(bodies[1]?.['previous_response_id']).toBeDefined();
    expect(bodies[2]?.['previous_response_id']).toBeUndefined();
    expect(bodies[2]?.['input']).toHaveLength(3);
  });

  test('replay mode sends the whole history every time, even to a stateful server', async () => {
    const result = await run(proxy.baseURL, { stream, state: 'replay' });
    expect(proxy.received.map((body) => body['previous_response_id'])).toEqual([undefined, undefined]);
    expect(proxy.received[1]?.['input']).toHaveLength(3);
    expect(result.steps.map((step) => step.state)).toEqual(['replay', 'replay']);
  });

  test('store: false replays, since nothing is stored to continue from', async () => {
    await run(proxy.baseURL, { stream, store: false });
    expect(proxy.received.map((body) => [body['store'], body['previous_response_id']])).toEqual([
      [false, undefined],
      [false, undefined],
    ]);
  });

  test('server mode against a stateless server rejects with previous_response_unavailable', async () => {
    const error = await run(backend.baseURL, { stream, state: 'server' }).catch((caught: unknown) => caught);
    expect(ToolbridgeClientError.isInstance(error) && error.code).toBe('previous_response_unavailable');
  });

  test('store: false with a reasoning model: reasoning goes back as its encrypted content, as OpenAI needs', async () => {
    // The backend, like OpenAI, keeps nothing under store: false and refuses a reasoning item it would
    // have to look up by id (404 "Item with id 'rs_…' not found").
    const result = await run(backend.baseURL, { stream, store: false, input: '北京天气怎么样? #reasoning' });
    expect(result.stoppedBy).toBe('answer');
    const bodies = sentBodies(backend);
    expect(bodies.map((body) => body['include'])).toEqual([
      ['reasoning.encrypted_content'],
      ['reasoning.encrypted_content'],
    ]);
    const replayed = ((bodies[1]?.['input'] ?? []) as Array<Record<string, unknown>>).find(
      (item) => item['type'] === 'reasoning',
    );
    expect(replayed?.['encrypted_content']).toMatch(/^scripted-reasoning\./);
  });

  test('store: false with a model without reasoning: the refused include is dropped, once', async () => {
    const { tool } = weatherTool();
    const options = {
      api: 'responses' as const,
      baseURL: backend.baseURL,
      apiKey: 'test',
      model: 'gpt-4.1',
      tools: [tool],
      input: '北京天气怎么样?',
      stream,
      store: false,
    };
    const result = await runTools(options);
    expect(result.stoppedBy).toBe('answer');
    // Refused, asked again without it, and never again for that model.
    expect(sentBodies(backend).map((body) => body['include'])).toEqual([
      ['reasoning.encrypted_content'],
      undefined,
      undefined,
    ]);
  });
});
