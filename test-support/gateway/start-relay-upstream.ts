import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';

/** What the relay does with one attempt: a fault of its own, or pass it on to the target. */
export type RelayFault =
  /** Answer with this HTTP status in the OpenAI error envelope. */
  | { status: number }
  /** Destroy the socket before any response byte. */
  | { reset: true }
  /** Send 200 `text/event-stream` headers, then destroy the socket before the first event. */
  | { emptyStream: true }
  | null;

export interface RelayUpstream {
  /** Base URL for a provider, e.g. `http://127.0.0.1:41234/v1`. */
  url: string;
  /** Requests received so far. */
  readonly attempts: number;
  /** Relayed answers whose downstream connection closed before the answer was complete. */
  readonly closedEarly: number;
  /** Resolves once `closedEarly` reaches `count`, or rejects after `timeoutMs`. */
  waitForEarlyClose(count: number, timeoutMs: number): Promise<void>;
  close(): Promise<void>;
}

async function relay(
  request: IncomingMessage,
  response: ServerResponse,
  target: string,
  onEarlyClose: () => void,
): Promise<void> {
  const chunks: Buffer[] = [];
  for await (const chunk of request as AsyncIterable<Buffer>) chunks.push(chunk);
  const controller = new AbortController();
  response.on('close', () => {
    if (!response.writableFinished) {
      onEarlyClose();
      controller.abort();
    }
  });
  const path = (request.url ?? '/').replace(/^\/v1/, '');
  const answer = await fetch(`${target}${path}`, {
    method: request.method ?? 'POST',
    headers: { 'content-type': 'application/json' },
    body: Buffer.concat(chunks),
    signal: controller.signal,
  });
  response.writeHead(answer.status, {
    'content-type': answer.headers.get('content-type') ?? 'application/json',
  });
  if (answer.body === null) {
    response.end();
    return;
  }
  const body = Readable.fromWeb(answer.body as WebReadableStream<Uint8Array>);
  body.on('error', () => response.destroy());
  body.pipe(response);
}

/**
 * A tiny upstream in front of another one (the scripted upstream) for fault tests the scripted
 * upstream cannot stage by itself: fail only the first attempts (to see the gateway retry), and
 * observe the gateway dropping an upstream connection when its own client goes away.
 */
export async function startRelayUpstream(options: {
  /** Base URL to relay to, e.g. the scripted upstream's `url`. */
  target: string;
  /** Decides each attempt (0-based); null relays it. */
  fault?: (attempt: number) => RelayFault;
}): Promise<RelayUpstream> {
  let attempts = 0;
  let closedEarly = 0;
  const waiters = new Set<() => void>();
  const sockets = new Set<Socket>();
  const server = createServer((request, response) => {
    const fault = options.fault?.(attempts) ?? null;
    attempts += 1;
    if (fault !== null && 'status' in fault) {
      request.resume();
      const error = { message: `relay fault ${fault.status}`, type: 'server_error', param: null, code: null };
      response.writeHead(fault.status, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ error }));
      return;
    }
    if (fault !== null && 'reset' in fault) {
      request.resume();
      request.socket.destroy();
      return;
    }
    if (fault !== null && 'emptyStream' in fault) {
      request.resume();
      response.writeHead(200, { 'content-type': 'text/event-stream' });
      response.flushHeaders();
      setTimeout(() => request.socket.destroy(), 10);
      return;
    }
    relay(request, response, options.target, () => {
      closedEarly += 1;
      for (const wake of waiters) wake();
    }).catch(() => response.destroy());
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    get attempts() {
      return attempts;
    },
    get closedEarly() {
      return closedEarly;
    },
    waitForEarlyClose(count, timeoutMs) {
      return new Promise<void>((resolve, reject) => {
        const check = (): void => {
          if (closedEarly < count) return;
          clearTimeout(timer);
          waiters.delete(check);
          resolve();
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`the upstream connection was not closed within ${timeoutMs} ms`));
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
    close() {
      return new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      });
    },
  };
}
