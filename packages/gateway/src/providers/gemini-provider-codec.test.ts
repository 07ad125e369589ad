import { describe, expect, it } from 'vitest';
import { loadGatewayConfig } from '../config/load-config.js';
import { createProviderCodec } from './create-provider-codec.js';
import { readGeminiErrorFields } from './gemini-provider-codec.js';
import { capabilityPresets } from './provider-capabilities.js';

// The Gemini codec's wiring: config from flags, the path per model and stream, the key header,
// error bodies (docs/protocol/gemini.md, "Errors").
const flags = {
  upstream: 'https://generativelanguage.googleapis.com/v1beta',
  upstreamApi: 'gemini',
  upstreamKeyEnv: 'GEMINI_API_KEY',
};

describe('Gemini provider wiring', () => {
  it('serve --upstream-api gemini: api and kind gemini, the gemini preset, the key from GEMINI_API_KEY', async () => {
    const config = await loadGatewayConfig(flags, { GEMINI_API_KEY: 'g-key' });
    const [provider] = config.providers;
    expect(provider).toMatchObject({
      api: 'gemini',
      kind: 'gemini',
      apiKey: 'g-key',
      apiKeyEnv: 'GEMINI_API_KEY',
    });
    expect(provider?.capabilities).toEqual(capabilityPresets.gemini);
    const { upstreamKeyEnv: _unset, ...withoutKeyFlag } = flags;
    const fromEnv = await loadGatewayConfig(withoutKeyFlag, { GEMINI_API_KEY: 'g', OPENAI_API_KEY: 'o' });
    expect(fromEnv.providers[0]?.apiKeyEnv).toBe('GEMINI_API_KEY');
    await expect(loadGatewayConfig({ ...flags, upstreamApi: 'vertex' }, {})).rejects.toThrow(
      '--upstream-api must be "chat", "responses", "anthropic" or "gemini"',
    );
  });

  it('puts the model and the method in the path, the key in x-goog-api-key, and refuses path tricks', async () => {
    const config = await loadGatewayConfig(flags, { GEMINI_API_KEY: 'g-key' });
    const provider = config.providers[0];
    if (provider === undefined) throw new Error('no provider');
    const codec = createProviderCodec(provider);
    const request = {
      model: 'gemini-3-flash',
      instructions: null,
      items: [{ type: 'message' as const, role: 'user' as const, content: 'hi' }],
      tools: [],
      toolChoice: null,
      parallelToolCalls: null,
      stream: false,
      includeUsage: false,
      maxOutputTokens: null,
      previousResponseId: null,
      store: null,
      metadata: null,
      options: {},
      extra: null,
    };
    expect(codec.encodeRequest(request, { model: 'gemini-3-flash', stream: false }).path).toBe(
      '/models/gemini-3-flash:generateContent',
    );
    expect(codec.encodeRequest(request, { model: 'models/gemini-3-flash', stream: true }).path).toBe(
      '/models/gemini-3-flash:streamGenerateContent?alt=sse',
    );
    expect(() => codec.encodeRequest(request, { model: '../files?x=1', stream: false })).toThrow(
      /cannot be sent to Gemini/,
    );
    expect(codec.authHeaders('g-key')).toEqual({ 'x-goog-api-key': 'g-key' });
  });

  it('reads error bodies: credential problems as 401, RetryInfo as a delay, status names kept', () => {
    const invalidKey = JSON.stringify({
      error: {
        code: 400,
        message: 'API key not valid.',
        status: 'INVALID_ARGUMENT',
        details: [{ '@type': 'type.googleapis.com/google.rpc.ErrorInfo', reason: 'API_KEY_INVALID' }],
      },
    });
    expect(readGeminiErrorFields(invalidKey)).toMatchObject({
      status: 401,
      message: 'INVALID_ARGUMENT: API key not valid.',
    });
    expect(
      readGeminiErrorFields(
        JSON.stringify({ error: { code: 403, message: 'no', status: 'PERMISSION_DENIED' } }),
      ).status,
    ).toBe(401);
    const limited = readGeminiErrorFields(
      JSON.stringify({
        error: {
          code: 429,
          message: 'Quota',
          status: 'RESOURCE_EXHAUSTED',
          details: [{ '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: '41s' }],
        },
      }),
    );
    expect(limited).toEqual({
      message: 'RESOURCE_EXHAUSTED: Quota',
      type: null,
      param: null,
      code: null,
      retryAfterMs: 41_000,
    });
  });
});
