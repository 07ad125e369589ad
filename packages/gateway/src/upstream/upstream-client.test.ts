import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadGatewayConfig } from '../config/load-config.js';
import { GatewayError } from '../errors/gateway-error.js';
import { RequestAbort } from '../http/request-abort.js';
import { UpstreamClient } from './upstream-client.js';

// A real upstream that answers 500 with an error body that never ends (16 KB every 5 ms).
let server: Server;
let baseUrl: string;
let openBodies = 0;

beforeAll(async () => {
  server = createServer((request, response) => {
    request.resume();
    response.writeHead(500, { 'content-type': 'text/plain' });
    openBodies += 1;
    const timer = setInterval(() => response.write('x'.repeat(16 * 1024)), 5);
    response.on('close', () => {
      clearInterval(timer);
      openBodies -= 1;
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

async function clientFor(): Promise<UpstreamClient> {
  const config = await loadGatewayConfig({ upstream: baseUrl, upstreamApi: 'chat' }, {});
  const provider = config.providers[0];
  if (provider === undefined) throw new Error('no provider');
  return new UpstreamClient({ ...provider, retries: 0 });
}

describe('UpstreamClient and an error body that never ends', () => {
  it.each([
    ['streaming', true],
    ['non-streaming', false],
  ] as const)(
    '%s: answers with the upstream error from the first 64 KB and stops the download',
    async (_name, stream) => {
      const client = await clientFor();
      const options = {
        path: '/chat/completions',
        body: '{}',
        stream,
        signal: new RequestAbort(),
        requestId: 'req_t',
      };
      const started = performance.now();
      const failure = await (stream ? client.send(options) : client.sendForText(options)).then(
        () => null,
        (error: unknown) => error,
      );
      expect(GatewayError.isInstance(failure)).toBe(true);
      expect((failure as GatewayError).status).toBeGreaterThanOrEqual(500);
      expect(performance.now() - started).toBeLessThan(5_000);
      // The upstream saw its response closed: the download was stopped, not left running.
      await expect.poll(() => openBodies, { timeout: 2_000 }).toBe(0);
      await client.close();
    },
  );
});

describe('UpstreamClient and a 2xx answer over the size limit', () => {
  let big: Server;
  let bigUrl: string;
  let open = 0;

  beforeAll(async () => {
    big = createServer((request, response) => {
      request.resume();
      response.writeHead(200, { 'content-type': 'application/json' });
      open += 1;
      const timer = setInterval(() => response.write(' '.repeat(256 * 1024)), 1);
      response.on('close', () => {
        clearInterval(timer);
        open -= 1;
      });
    });
    await new Promise<void>((resolve) => big.listen(0, '127.0.0.1', resolve));
    bigUrl = `http://127.0.0.1:${(big.address() as AddressInfo).port}/v1`;
  });

  afterAll(async () => {
    big.closeAllConnections();
    await new Promise((resolve) => big.close(resolve));
  });

  it('fails the non-streaming turn with upstream_invalid_response and stops reading', async () => {
    const config = await loadGatewayConfig({ upstream: bigUrl, upstreamApi: 'chat' }, {});
    const provider = config.providers[0];
    if (provider === undefined) throw new Error('no provider');
    const client = new UpstreamClient({ ...provider, retries: 0 });
    const options = {
      path: '/chat/completions',
      body: '{}',
      stream: false,
      signal: new RequestAbort(),
      requestId: 'req_t',
    };
    const failure = await client.sendForText(options).then(
      () => null,
      (error: unknown) => error,
    );
    expect(GatewayError.isInstance(failure)).toBe(true);
    expect((failure as GatewayError).code).toBe('upstream_invalid_response');
    expect((failure as GatewayError).message).toContain('larger than 67108864 bytes');
    await expect.poll(() => open, { timeout: 2_000 }).toBe(0);
    await client.close();
  });
});
