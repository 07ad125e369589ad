import { connect, type Socket } from 'node:net';

/** A raw TCP connection to a server, recording what it answers and when it closes. */
export interface RawConnection {
  socket: Socket;
  /** Everything received so far. */
  received(): string;
  /** Resolves with the milliseconds from connect to close (or rejects after `timeoutMs`). */
  closed(timeoutMs: number): Promise<number>;
}

/**
 * Opens a raw connection and writes `payload` (half-sent headers, part of a body…), for tests of what a
 * server does with clients that stall or send broken HTTP — things no HTTP client library will send.
 */
export function openRawConnection(port: number, payload: string | Buffer = ''): Promise<RawConnection> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const chunks: Buffer[] = [];
    let closedAt: number | undefined;
    const waiters: Array<() => void> = [];
    const socket = connect(port, '127.0.0.1');
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', () => {});
    socket.on('close', () => {
      closedAt = performance.now() - started;
      for (const waiter of waiters) waiter();
    });
    socket.once('connect', () => {
      if (payload.length > 0) socket.write(payload);
      resolve({
        socket,
        received: () => Buffer.concat(chunks).toString('utf8'),
        closed: (timeoutMs) =>
          new Promise<number>((done, fail) => {
            if (closedAt !== undefined) return done(closedAt);
            const timer = setTimeout(() => fail(new Error(`still open after ${timeoutMs} ms`)), timeoutMs);
            waiters.push(() => {
              clearTimeout(timer);
              done(closedAt ?? 0);
            });
          }),
      });
    });
    socket.once('error', reject);
  });
}

/** The status code and parsed JSON body of a raw HTTP/1.1 answer. */
export function parseRawAnswer(text: string): { status: number; headers: string; body: unknown } {
  const [head = '', ...rest] = text.split('\r\n\r\n');
  const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(head)?.[1] ?? 0);
  const bodyText = rest.join('\r\n\r\n');
  let body: unknown;
  try {
    body = JSON.parse(bodyText);
  } catch {
    body = bodyText;
  }
  return { status, headers: head.toLowerCase(), body };
}
