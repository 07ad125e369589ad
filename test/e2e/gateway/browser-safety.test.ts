import { request as httpRequest } from 'node:http';
import { describe, expect, it } from 'vitest';
import { useTestGateway } from '../../../test-support/gateway/start-test-gateway.js';

// What a web page on another origin must not be able to do to a gateway (SECURITY.md,
// docs/configuration.md#browsers): post to it without a preflight (CSRF), reach it on loopback through
// DNS rebinding, or read its answers without a configured CORS origin.

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** Node's http client: unlike fetch, it lets a test set `Host` and `Origin` as a browser would. */
function send(
  url: string,
  options: { method?: string; headers?: Record<string, string>; body?: string },
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest(
      url,
      { method: options.method ?? 'GET', headers: options.headers ?? {} },
      (incoming) => {
        let body = '';
        incoming.setEncoding('utf8');
        incoming.on('data', (chunk: string) => {
          body += chunk;
        });
        incoming.on('end', () =>
          resolve({ status: incoming.statusCode ?? 0, headers: incoming.headers, body }),
        );
      },
    );
    outgoing.on('error', reject);
    outgoing.end(options.body);
  });
}

const chatBody = JSON.stringify({ model: 'gpt-5.4', messages: [{ role: 'user', content: 'hi' }] });

describe('browser safety, default configuration (bound to 127.0.0.1)', () => {
  const harness = useTestGateway({ upstreamApi: 'chat' });
  const chatUrl = () => `${harness.gateway.url}/v1/chat/completions`;

  it.each([
    ['text/plain (a form or fetch without preflight)', 'text/plain'],
    ['form-urlencoded', 'application/x-www-form-urlencoded'],
    ['no Content-Type', undefined],
  ])('refuses a JSON body sent as %s with 415, before the upstream', async (_name, type) => {
    harness.mark();
    const answer = await send(chatUrl(), {
      method: 'POST',
      headers: type === undefined ? {} : { 'content-type': type },
      body: chatBody,
    });
    expect(answer.status).toBe(415);
    expect(JSON.parse(answer.body)).toEqual({
      error: {
        message: expect.stringMatching(/Content-Type: application\/json/),
        type: 'invalid_request_error',
        param: null,
        code: 'unsupported_media_type',
      },
    });
    expect(harness.requestsSinceMark()).toHaveLength(0);
  });

  it('accepts application/json with a charset', async () => {
    const answer = await send(chatUrl(), {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-8' },
      body: chatBody,
    });
    expect(answer.status).toBe(200);
  });

  it('refuses a foreign Host (DNS rebinding) with 403 on every route but /health', async () => {
    const port = harness.gateway.port;
    const answer = await send(chatUrl(), {
      method: 'POST',
      headers: { host: `rebind.evil.example:${port}`, 'content-type': 'application/json' },
      body: chatBody,
    });
    expect(answer.status).toBe(403);
    expect(JSON.parse(answer.body).error).toMatchObject({
      code: 'host_not_allowed',
      message: expect.stringMatching(/allowedHosts/),
    });
    const models = await send(`${harness.gateway.url}/v1/models`, {
      headers: { host: 'rebind.evil.example' },
    });
    expect(models.status).toBe(403);
    const health = await send(`${harness.gateway.url}/health`, { headers: { host: 'rebind.evil.example' } });
    expect(health.status).toBe(200);
    const local = await send(`${harness.gateway.url}/v1/models`, { headers: { host: `localhost:${port}` } });
    expect(local.status).toBe(200);
  });

  it('sends no CORS headers and answers no preflight when no origin is configured', async () => {
    const preflight = await send(chatUrl(), {
      method: 'OPTIONS',
      headers: { origin: 'https://app.example.com', 'access-control-request-method': 'POST' },
    });
    expect(preflight.status).toBe(405);
    expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
    const models = await send(`${harness.gateway.url}/v1/models`, {
      headers: { origin: 'https://app.example.com' },
    });
    expect(models.status).toBe(200);
    expect(Object.keys(models.headers).filter((name) => name.startsWith('access-control-'))).toEqual([]);
  });
});

describe('browser safety with allowedHosts and cors.origins configured', () => {
  const harness = useTestGateway({
    upstreamApi: 'chat',
    config: { allowedHosts: ['gateway.internal'], cors: { origins: ['https://app.example.com'] } },
  });
  const chatUrl = () => `${harness.gateway.url}/v1/chat/completions`;

  it('answers the configured Host names only', async () => {
    const named = await send(`${harness.gateway.url}/v1/models`, {
      headers: { host: 'gateway.internal:8443' },
    });
    expect(named.status).toBe(200);
    const loopbackName = await send(`${harness.gateway.url}/v1/models`, { headers: { host: 'localhost' } });
    expect(loopbackName.status).toBe(403);
  });

  it('answers the preflight of a configured origin, and marks its answers readable', async () => {
    const headers = { host: 'gateway.internal', origin: 'https://app.example.com' };
    const preflight = await send(chatUrl(), {
      method: 'OPTIONS',
      headers: {
        ...headers,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization, content-type, x-stainless-os',
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers['access-control-allow-origin']).toBe('https://app.example.com');
    expect(preflight.headers['access-control-allow-methods']).toContain('POST');
    expect(preflight.headers['access-control-allow-headers']).toBe(
      'authorization, content-type, x-stainless-os',
    );
    const answer = await send(chatUrl(), {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json' },
      body: chatBody,
    });
    expect(answer.status).toBe(200);
    expect(answer.headers['access-control-allow-origin']).toBe('https://app.example.com');
    expect(answer.headers['access-control-expose-headers']).toContain('x-request-id');
    expect(answer.headers['vary']).toMatch(/origin/i);
  });

  it('gives any other origin no CORS header at all', async () => {
    const headers = { host: 'gateway.internal', origin: 'https://evil.example' };
    const preflight = await send(chatUrl(), {
      method: 'OPTIONS',
      headers: { ...headers, 'access-control-request-method': 'POST' },
    });
    expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
    const models = await send(`${harness.gateway.url}/v1/models`, { headers });
    expect(models.headers['access-control-allow-origin']).toBeUndefined();
  });
});
