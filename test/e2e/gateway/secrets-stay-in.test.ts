import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createLogger } from '@toolbridge/gateway';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectOpenAIError } from '../../../test-support/gateway/expect-openai-error.js';
import { startTestGateway, type TestGateway } from '../../../test-support/gateway/start-test-gateway.js';

// Credentials of the gateway (its upstream key, secrets in a provider URL) and of clients (a key in a
// query string) never reach a client-facing error or a log line (SECURITY.md).
const UPSTREAM_KEY = 'sk-gateway-upstream-key-4242';

/** An upstream that answers every request with `status` and a body quoting the Authorization it got. */
async function startEchoingUpstream(status: number): Promise<{ url: string; server: Server }> {
  const server = createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      const body = JSON.stringify({
        error: {
          message: `Incorrect API key provided: ${request.headers.authorization ?? ''}`,
          type: 'invalid_request_error',
          param: null,
          code: 'invalid_api_key',
        },
      });
      response.writeHead(status, { 'content-type': 'application/json' }).end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`, server };
}

const ask = (client: OpenAI, stream = false) =>
  client.chat.completions.create({ model: 'gpt-5.4', messages: [{ role: 'user', content: 'hi' }], stream });

describe.each([401, 403])('an upstream %i that quotes the gateway key', (status) => {
  let upstream: { url: string; server: Server };
  let harness: TestGateway;
  beforeAll(async () => {
    upstream = await startEchoingUpstream(status);
    harness = await startTestGateway({
      upstreamApi: 'chat',
      provider: { name: 'acme', baseUrl: upstream.url, apiKey: UPSTREAM_KEY },
    });
  });
  afterAll(async () => {
    await harness.close();
    upstream.server.close();
  });

  it('is never relayed: the client learns the provider refused the gateway credentials, JSON and stream', async () => {
    for (const stream of [false, true]) {
      const failure = await expectOpenAIError(ask(harness.client, stream), {
        status: 502,
        message: /^Upstream 'acme' refused the gateway's credentials \(HTTP 40[13]\)/,
        type: 'server_error',
        param: null,
        code: 'upstream_authentication_failed',
      });
      expect(JSON.stringify(failure.error)).not.toContain(UPSTREAM_KEY);
      expect(JSON.stringify(failure.error)).not.toContain('Incorrect API key');
      expect(failure.headers?.get('x-should-retry')).toBe('false');
    }
  });
});

describe('an upstream 500 that quotes the gateway key', () => {
  let upstream: { url: string; server: Server };
  let harness: TestGateway;
  beforeAll(async () => {
    upstream = await startEchoingUpstream(500);
    harness = await startTestGateway({
      upstreamApi: 'chat',
      provider: { name: 'acme', baseUrl: upstream.url, apiKey: UPSTREAM_KEY },
    });
  });
  afterAll(async () => {
    await harness.close();
    upstream.server.close();
  });

  it('is relayed as 502 with the key masked, and the SDK is told to retry', async () => {
    const failure = await expectOpenAIError(ask(harness.client), {
      status: 502,
      message: "Upstream 'acme' failed with HTTP 500: Incorrect API key provided: Bearer [redacted]",
      type: 'server_error',
      param: null,
      code: 'upstream_error',
    });
    expect(failure.headers?.get('x-should-retry')).toBe('true');
  });
});

describe('an upstream stream whose error event quotes the gateway key', () => {
  let server: Server;
  let harness: TestGateway;
  beforeAll(async () => {
    server = createServer((request, response) => {
      request.resume();
      request.on('end', () => {
        const chunk = (payload: object) => `data: ${JSON.stringify(payload)}\n\n`;
        response.writeHead(200, { 'content-type': 'text/event-stream' });
        response.end(
          chunk({
            id: 'chatcmpl-1',
            object: 'chat.completion.chunk',
            created: 1,
            model: 'm',
            choices: [{ index: 0, delta: { role: 'assistant', content: 'Hel' }, finish_reason: null }],
          }) +
            chunk({
              error: {
                message: `upstream lost ${request.headers.authorization ?? ''}`,
                type: 'server_error',
              },
            }) +
            'data: [DONE]\n\n',
        );
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
    harness = await startTestGateway({
      upstreamApi: 'chat',
      provider: { name: 'acme', baseUrl: url, apiKey: UPSTREAM_KEY },
    });
  });
  afterAll(async () => {
    await harness.close();
    server.close();
  });

  it('reaches the client with the key masked', async () => {
    const response = await fetch(`${harness.baseURL}/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'gpt-5.4', stream: true, messages: [{ role: 'user', content: 'hi' }] }),
    });
    const text = await response.text();
    expect(text).toContain('upstream lost Bearer [redacted]');
    expect(text).not.toContain(UPSTREAM_KEY);
  });
});

describe('credentials in a provider URL, and keys in query strings', () => {
  const lines: string[] = [];
  let harness: TestGateway;
  beforeAll(async () => {
    harness = await startTestGateway({
      upstreamApi: 'chat',
      provider: {
        name: 'acme',
        baseUrl: 'http://svc-account:hunter2-hunter2@127.0.0.1:9/v1?key=qs-secret-77',
      },
      config: { apiKeys: ['keyA', 'keyB'], logLevel: 'info' },
      logger: createLogger({
        level: 'info',
        destination: { write: (line: string) => void lines.push(line) },
      }),
    });
  });
  afterAll(async () => {
    await harness.close();
  });

  it('never shows the URL credentials in an upstream_unreachable error', async () => {
    const client = new OpenAI({ baseURL: harness.baseURL, apiKey: 'keyB', maxRetries: 0 });
    const failure = await expectOpenAIError(ask(client), {
      status: 502,
      message:
        /^Upstream 'acme' \(http:\/\/\[redacted\]@127\.0\.0\.1:9\/v1\?key=\[redacted\]\) is unreachable/,
      type: 'server_error',
      param: null,
      code: 'upstream_unreachable',
    });
    const text = JSON.stringify(failure.error);
    for (const secret of ['hunter2', 'svc-account', 'qs-secret-77']) expect(text).not.toContain(secret);
  });

  it('accepts every key of the list and refuses others whatever their length (401)', async () => {
    for (const key of ['keyA', 'keyB']) {
      const models = await new OpenAI({ baseURL: harness.baseURL, apiKey: key, maxRetries: 0 }).models.list();
      expect(models.data.length).toBeGreaterThan(0);
    }
    for (const key of ['keyC', 'k', 'keyA-but-longer']) {
      await expectOpenAIError(
        new OpenAI({ baseURL: harness.baseURL, apiKey: key, maxRetries: 0 }).models.list(),
        {
          status: 401,
          message: 'Incorrect API key provided.',
          type: 'invalid_request_error',
          param: null,
          code: 'invalid_api_key',
        },
      );
    }
  });

  it('logs 401, 404 and 405 answers without their query string', async () => {
    lines.length = 0;
    const base = harness.gateway.url;
    expect((await fetch(`${base}/v1/models?api_key=sk-query-leak-1`)).status).toBe(401);
    expect((await fetch(`${base}/v1/nothing?api_key=sk-query-leak-2`)).status).toBe(404);
    const wrongMethod = await fetch(`${base}/v1/chat/completions?api_key=sk-query-leak-3`, { method: 'PUT' });
    expect(wrongMethod.status).toBe(405);
    await expect.poll(() => lines.length).toBeGreaterThanOrEqual(3);
    const routes = lines.map((line) => (JSON.parse(line) as { route?: string }).route);
    expect(routes).toEqual(['/v1/models', '/v1/nothing', '/v1/chat/completions']);
    expect(lines.join('')).not.toContain('sk-query-leak');
  });
});
