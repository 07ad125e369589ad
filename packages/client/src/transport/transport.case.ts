import type { CanonicalItem, CanonicalTool } from '@toolbridge/core';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type Backend, startBackend } from '../../../../test-support/client/backend.js';
import { weatherParameters } from '../../../../test-support/client/weather-tools.js';
import { ToolbridgeClientError } from '../errors/toolbridge-client-error.js';
import type { Transport, TurnRequest } from './transport.js';

const weather: CanonicalTool = {
  name: 'get_weather',
  description: '获取指定城市的当前天气',
  parameters: weatherParameters,
  strict: true,
};

function user(text: string): CanonicalItem[] {
  return [{ type: 'message', role: 'user', content: text }];
}

async function failure(promise: Promise<unknown>): Promise<ToolbridgeClientError> {
  try {
    await promise;
  } catch (error) {
    if (ToolbridgeClientError.isInstance(error)) return error;
    throw error;
  }
  throw new Error('the turn succeeded');
}

/**
 * The conformance suite every transport passes, run against the test backend with
 * and without streaming: same canonical results from both endpoints, deltas that add up, and errors
 * mapped to the same codes.
 */
export function describeTransportConformance(
  api: 'chat' | 'responses',
  create: (client: OpenAI) => Transport,
): void {
  describe.each([false, true])(`${api} transport, stream: %s`, (stream) => {
    let backend: Backend;
    let transport: Transport;
    beforeAll(async () => {
      backend = await startBackend();
      transport = create(new OpenAI({ baseURL: backend.baseURL, apiKey: 'test', maxRetries: 0 }));
    });
    afterAll(() => backend.close());

    const request = (items: CanonicalItem[], overrides: Partial<TurnRequest> = {}): TurnRequest => ({
      model: 'gpt-5.4',
      instructions: null,
      items,
      previousResponseId: null,
      tools: [weather],
      toolChoice: null,
      parallelToolCalls: null,
      store: null,
      stream,
      ...overrides,
    });

    test('says which endpoint it speaks', () => {
      expect(transport.api).toBe(api);
      expect(transport.keepsState).toBe(api === 'responses');
    });

    test('a weather question comes back as one complete function call, its argument fragments passed on', async () => {
      const fragments: Array<{ callId: string; toolName: string; delta: string }> = [];
      const turn = await transport.createTurn(request(user('北京天气怎么样?#fragments=4')), {
        onToolArgumentsDelta: (event) => fragments.push(event),
      });
      expect(turn.truncated).toBe(false);
      expect(turn.response.finishReason).toBe('tool_calls');
      const calls = turn.response.output.filter((item) => item.type === 'function_call');
      expect(calls).toHaveLength(1);
      expect(calls[0]).toMatchObject({ name: 'get_weather', arguments: '{"city":"北京"}' });
      expect(calls[0]?.callId).toMatch(/^call_/);
      expect(turn.response.usage?.inputTokens).toBeGreaterThan(0);
      if (stream) {
        expect(fragments.length).toBeGreaterThan(1);
        expect(fragments.map((fragment) => fragment.delta).join('')).toBe('{"city":"北京"}');
        expect(new Set(fragments.map((fragment) => `${fragment.callId}/${fragment.toolName}`))).toEqual(
          new Set([`${calls[0]?.callId}/get_weather`]),
        );
      } else {
        expect(fragments).toEqual([]);
      }
    });

    test('sends tools in the endpoint’s own shape', async () => {
      const turn = await transport.createTurn(request(user('北京天气怎么样?')));
      const tools = turn.wireRequest['tools'] as Array<Record<string, unknown>>;
      if (api === 'chat')
        expect(tools[0]).toMatchObject({ type: 'function', function: { name: 'get_weather', strict: true } });
      else expect(tools[0]).toMatchObject({ type: 'function', name: 'get_weather', strict: true });
    });

    test('two cities come back as two calls, in order, with distinct ids', async () => {
      const turn = await transport.createTurn(request(user('北京和上海天气怎么样?')));
      const calls = turn.response.output.filter((item) => item.type === 'function_call');
      expect(calls.map((call) => call.arguments)).toEqual(['{"city":"北京"}', '{"city":"上海"}']);
      expect(new Set(calls.map((call) => call.callId)).size).toBe(2);
    });

    test('a text answer streams in fragments that add up to the final text', async () => {
      let streamed = '';
      const turn = await transport.createTurn(request(user('你好 #text #fragments=3')), {
        onTextDelta: (delta) => {
          streamed += delta;
        },
      });
      const message = turn.response.output.find((item) => item.type === 'message');
      expect(turn.response.finishReason).toBe('stop');
      expect(message).toMatchObject({ role: 'assistant', content: [{ type: 'text', text: 'Echo: 你好' }] });
      expect(streamed).toBe(stream ? 'Echo: 你好' : '');
    });

    test('tool results in the items lead to an answer that uses them', async () => {
      const items: CanonicalItem[] = [
        ...user('北京天气怎么样?'),
        { type: 'function_call', callId: 'call_given', name: 'get_weather', arguments: '{"city":"北京"}' },
        { type: 'function_call_output', callId: 'call_given', output: '26°C 晴' },
      ];
      const turn = await transport.createTurn(request(items));
      expect(turn.response.finishReason).toBe('stop');
      expect(JSON.stringify(turn.response.output)).toContain('26°C 晴');
    });

    test('a forced function is sent in the endpoint’s shape and reported as tool_calls', async () => {
      const turn = await transport.createTurn(
        request(user('北京天气怎么样?'), { toolChoice: { type: 'function', name: 'get_weather' } }),
      );
      const expected =
        api === 'chat'
          ? { type: 'function', function: { name: 'get_weather' } }
          : { type: 'function', name: 'get_weather' };
      expect(turn.wireRequest['tool_choice']).toEqual(expected);
      expect(turn.response.finishReason).toBe('tool_calls');
    });

    test('a turn cut off by the output limit reports finish length', async () => {
      const turn = await transport.createTurn(request(user('北京天气怎么样? #length')));
      expect(turn.response.finishReason).toBe('length');
    });

    test('an HTTP error rejects with transport_error and its status', async () => {
      const error = await failure(transport.createTurn(request(user('北京天气怎么样? #error=503'))));
      expect(error).toMatchObject({ code: 'transport_error', status: 503 });
    });

    test('an aborted signal rejects with aborted', async () => {
      const controller = new AbortController();
      setTimeout(() => controller.abort(), 30);
      const slow = stream ? '#delay=200 #fragments=5' : '#first-byte-delay=500';
      const error = await failure(
        transport.createTurn(request(user(`北京天气怎么样? ${slow}`)), { signal: controller.signal }),
      );
      expect(error.code).toBe('aborted');
    });

    test('a connection reset half-way rejects and yields no turn', async () => {
      const error = await failure(transport.createTurn(request(user('北京天气怎么样? #reset'))));
      expect(['transport_error', 'invalid_response']).toContain(error.code);
    });

    test('a malformed body or chunk rejects', async () => {
      const error = await failure(transport.createTurn(request(user('北京天气怎么样? #malformed-chunk'))));
      expect(['transport_error', 'invalid_response']).toContain(error.code);
    });

    test('previous_response_id: unknown to a stateless server on Responses, refused up front on Chat', async () => {
      const error = await failure(
        transport.createTurn(request(user('继续'), { previousResponseId: 'resp_unknown' })),
      );
      expect(error.code).toBe(api === 'responses' ? 'previous_response_unavailable' : 'invalid_options');
    });
  });
}
