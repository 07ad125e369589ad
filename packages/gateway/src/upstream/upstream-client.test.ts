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
