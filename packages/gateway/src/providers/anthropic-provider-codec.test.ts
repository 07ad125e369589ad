import { chatRequestToCanonical } from '@toolbridge/core';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../config/config-error.js';
import { loadGatewayConfig } from '../config/load-config.js';
import { GatewayError } from '../errors/gateway-error.js';
import { mapUpstreamError } from '../upstream/map-upstream-error.js';
import { readAnthropicErrorBody } from './anthropic-provider-codec.js';
import { createProviderCodec } from './create-provider-codec.js';

// The Anthropic codec's seams that the end-to-end suites cannot isolate: configuration defaults,
// headers, error bodies → envelopes (docs/protocol/anthropic.md §1, §11).
async function anthropicProvider(env: NodeJS.ProcessEnv = {}) {
  const config = await loadGatewayConfig(
    { upstream: 'https://api.anthropic.com/v1', upstreamApi: 'anthropic' },
    env,
  );
  const provider = config.providers[0];
  if (provider === undefined) throw new Error('no provider');
  return provider;
}
const errorBody = (type: string, message: string, extra: object = {}) =>
  JSON.stringify({ type: 'error', error: { type, message, ...extra }, request_id: 'req_1' });
const envelope = (status: number, body: string, headers: Record<string, string> = {}) => {
  const error = mapUpstreamError({
    provider: 'claude',
    status,
    fields: readAnthropicErrorBody(body),
    headers,
  });
  return { status: error.status, ...error.toBody().error, headers: error.headers };
};

describe('--upstream-api anthropic', () => {
  it('defaults to the anthropic preset and ANTHROPIC_API_KEY; the codec speaks {base}/messages', async () => {
    const provider = await anthropicProvider({ ANTHROPIC_API_KEY: 'sk-ant-1', OPENAI_API_KEY: 'sk-openai' });
    expect(provider).toMatchObject({
      api: 'anthropic',
      kind: 'anthropic',
      apiKeyEnv: 'ANTHROPIC_API_KEY',
      apiKey: 'sk-ant-1',
    });
    expect(provider.capabilities).toMatchObject({
      nativeStrict: true,
      nativeAllowedTools: false,
      parallelToolCallsSwitch: true,
    });
    const codec = createProviderCodec(provider);
    expect(codec.authHeaders('sk-ant-1')).toEqual({
      'x-api-key': 'sk-ant-1',
      'anthropic-version': '2023-06-01',
    });
    const encoded = codec.encodeRequest(
      chatRequestToCanonical({ model: 'x', messages: [{ role: 'user', content: 'hi' }] }),
      { model: 'claude-sonnet-5', stream: true },
    );
    expect(encoded.path).toBe('/messages');
    expect(JSON.parse(encoded.body)).toEqual({
      model: 'claude-sonnet-5',
      max_tokens: 4096,
      messages: [{ role: 'user', content: [{ type: 'text', text: 'hi' }] }],
      stream: true,
    });
  });

  it('an unknown --upstream-api names the known formats', async () => {
    const pending = loadGatewayConfig({ upstream: 'https://x.test/v1', upstreamApi: 'bedrock' }, {});
    await expect(pending).rejects.toThrow(ConfigError);
    await expect(pending).rejects.toThrow(
      '--upstream-api must be "chat", "responses", "anthropic" or "gemini"',
    );
  });

  it('a request Anthropic cannot express is a GatewayError 400 naming the field', async () => {
    const codec = createProviderCodec(await anthropicProvider());
    const request = chatRequestToCanonical({
      model: 'x',
      messages: [{ role: 'user', content: 'hi' }],
      response_format: { type: 'json_object' },
    });
    const thrown = (() => {
      try {
        codec.encodeRequest(request, { model: 'm', stream: false });
        return null;
      } catch (error) {
        return error;
      }
    })();
    expect(GatewayError.isInstance(thrown)).toBe(true);
    expect(thrown).toMatchObject({ status: 400, param: 'response_format', type: 'invalid_request_error' });
  });

  it('a body that is not a message is upstream_invalid_response, not a crash', async () => {
    const codec = createProviderCodec(await anthropicProvider());
    expect(() => codec.decodeResponse('{"type":"message"}')).toThrow(
      /cannot read: The Anthropic message is unreadable/,
    );
    expect(() => codec.decodeResponse('<html>')).toThrow(/the body is not JSON/);
  });
});

describe('Anthropic error bodies → OpenAI envelopes', () => {
  it('A-54: 529 overloaded_error → 503 server_error / overloaded, retry-after kept', () => {
    expect(envelope(529, errorBody('overloaded_error', 'Overloaded'), { 'retry-after': '3' })).toMatchObject({
      status: 503,
      type: 'server_error',
      code: 'overloaded',
      headers: { 'retry-after': '3' },
    });
  });

  it('A-53: 429 rate_limit_error → 429 rate_limit_exceeded with retry-after', () => {
    expect(envelope(429, errorBody('rate_limit_error', 'Slow down'), { 'retry-after': '20' })).toEqual({
      status: 429,
      message: 'Slow down',
      type: 'rate_limit_error',
      param: null,
      code: 'rate_limit_exceeded',
      headers: { 'retry-after': '20' },
    });
  });

  it('A-56: a spend-limit 429 is insufficient_quota', () => {
    const body = errorBody('rate_limit_error', 'Spend limit reached', {
      details: { error_code: 'enforced_spend_limit_reached' },
    });
    expect(envelope(429, body)).toMatchObject({
      status: 429,
      type: 'insufficient_quota',
      code: 'insufficient_quota',
    });
  });

  it('A-55: 400 invalid_request_error passes with context; a long prompt is context_length_exceeded', () => {
    expect(envelope(400, errorBody('invalid_request_error', 'messages.1: bad'))).toMatchObject({
      status: 400,
      message: "Upstream 'claude' rejected the request: messages.1: bad",
      type: 'invalid_request_error',
      code: null,
    });
    expect(
      envelope(400, errorBody('invalid_request_error', 'prompt is too long: 210000 tokens > 200000 maximum')),
    ).toMatchObject({
      code: 'context_length_exceeded',
    });
  });

  it('401, 404, 413, 500 and a non-JSON body', () => {
    expect(envelope(401, errorBody('authentication_error', 'invalid x-api-key'))).toMatchObject({
      status: 502,
      code: 'upstream_authentication_failed',
    });
    expect(envelope(404, errorBody('not_found_error', 'model: nope'))).toMatchObject({ status: 404 });
    expect(envelope(413, errorBody('request_too_large', 'Too big'))).toMatchObject({
      status: 413,
      code: 'request_too_large',
    });
    expect(envelope(500, errorBody('api_error', 'Internal'))).toMatchObject({
      status: 502,
      code: 'upstream_error',
    });
    expect(envelope(502, '<html>Bad gateway</html>')).toMatchObject({
      status: 502,
      message: "Upstream 'claude' failed with HTTP 502: <html>Bad gateway</html>",
    });
  });
});
