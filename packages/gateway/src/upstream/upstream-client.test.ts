import { createServer, type RequestListener } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadGatewayConfig } from '../config/load-config.js';
import { GatewayError } from '../errors/gateway-error.js';
import { RequestAbort } from '../http/request-abort.js';
import { createProviderCodec } from '../providers/create-provider-codec.js';
import { UpstreamClient, type UpstreamReply, type UpstreamSendOptions } from './upstream-client.js';

/**
 * A real upstream on loopback for the enclosing `describe`, answering every request with `respond`;
 * `client()` is an UpstreamClient pointed at it, without retries.
 */
function useUpstream(respond: RequestListener): { client(): Promise<UpstreamClient> } {
  const server = createServer((request, response) => {
    request.resume();
    respond(request, response);
  });
  let baseUrl = '';
  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });
  return {
    async client() {
      const config = await loadGatewayConfig({ upstream: baseUrl, upstreamApi: 'chat' }, {});
      const provider = config.providers[0];
      if (provider === undefined) throw new Error('no provider');
      return new UpstreamClient({ ...provider, retries: 0 }, createProviderCodec(provider));
    },
  };
}

/** A stream start that accepts any 2xx body unread. */
async function bodyAsIs(reply: UpstreamReply): Promise<{ value: UpstreamReply }> {
  return { value: reply };
}

function sendOptions(stream: boolean): UpstreamSendOptions {
  return { path: '/chat/completions', body: '{}', stream, signal: new RequestAbort(), requestId: 'req_t' };
}

/** The rejection of `promise`, or null if it resolved. */
function failureOf(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => null,
    (error: unknown) => error,
  );
}

describe('UpstreamClient and an error body that never ends', () => {
  // Answers 500 with an error body of 16 KB every 5 ms, forever.
  let openBodies = 0;
  const upstream = useUpstream((_request, response) => {
    response.writeHead(500, { 'content-type': 'text/plain' });
    openBodies += 1;
    const timer = setInterval(() => response.write('x'.repeat(16 * 1024)), 5);
    response.on('close', () => {
      clearInterval(timer);
      openBodies -= 1;
    });
  });

  it.each([
    ['streaming', true],
    ['non-streaming', false],
  ] as const)(
    '%s: answers with the upstream error from the first 64 KB and stops the download',
    async (_name, stream) => {
      const client = await upstream.client();
      const started = performance.now();
      const failure = await failureOf(
        stream
          ? client.send(sendOptions(true), bodyAsIs)
          : client.sendForText(sendOptions(false), (text) => text),
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
  // Answers 200 with 256 KB of JSON whitespace every millisecond, forever.
  let open = 0;
  const upstream = useUpstream((_request, response) => {
    response.writeHead(200, { 'content-type': 'application/json' });
    open += 1;
    const timer = setInterval(() => response.write(' '.repeat(256 * 1024)), 1);
    response.on('close', () => {
      clearInterval(timer);
      open -= 1;
    });
  });

  it('fails the non-streaming turn with upstream_invalid_response and stops reading', async () => {
    const client = await upstream.client();
    const failure = await failureOf(client.sendForText(sendOptions(false), (text) => text));
    expect(GatewayError.isInstance(failure)).toBe(true);
    expect((failure as GatewayError).code).toBe('upstream_invalid_response');
    expect((failure as GatewayError).message).toContain('larger than 67108864 bytes');
    await expect.poll(() => open, { timeout: 2_000 }).toBe(0);
    await client.close();
  });
});

describe('UpstreamClient streaming backpressure', () => {
  // An SSE upstream that writes as fast as its socket lets it, forever.
  let written = 0;
  const upstream = useUpstream((_request, response) => {
    response.writeHead(200, { 'content-type': 'text/event-stream' });
    const frame = `data: ${JSON.stringify({ choices: [{ index: 0, delta: { content: 'x'.repeat(4096) } }] })}\n\n`;
    let open = true;
    response.on('close', () => {
      open = false;
    });
    const pump = (): void => {
      while (open) {
        written += frame.length;
        if (!response.write(frame)) {
          response.once('drain', pump);
          return;
        }
      }
    };
    pump();
  });

  it('a reader that stops reading stops the upstream (bounded buffering), and reads on when it resumes', async () => {
    const client = await upstream.client();
    const { value: reply } = await client.send(sendOptions(true), bodyAsIs);
    const iterator = reply.body[Symbol.asyncIterator]();
    expect((await iterator.next()).done).toBe(false);
    // Nothing is read for a while: the upstream must come to a stop once the buffers are full.
    await new Promise((resolve) => setTimeout(resolve, 700));
    const plateau = written;
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(written).toBe(plateau);
    expect(plateau).toBeLessThan(64 * 1024 * 1024);
    // Reading again lets it go on.
    let read = 0;
    while (read < 2 * 1024 * 1024) {
      const next = await iterator.next();
      if (next.done) break;
      read += next.value.length;
    }
    await expect.poll(() => written, { timeout: 2_000 }).toBeGreaterThan(plateau);
    await iterator.return?.();
    await client.close();
  });
});
