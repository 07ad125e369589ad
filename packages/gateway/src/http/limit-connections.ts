import type { Server } from 'node:http';
import type { Socket } from 'node:net';
import { GatewayError } from '../errors/gateway-error.js';
import { rawErrorResponse } from './raw-error-response.js';

/**
 * Caps open client connections at `max`. One more is answered 503 in the OpenAI envelope and closed,
 * instead of Node's `maxConnections`, which drops it without a word; either way it never reaches a
 * handler. Returns the sockets that were refused, so the request handler can ignore what Node's parser
 * still reads from them before they close.
 */
export function limitConnections(options: {
  server: Server;
  max: number;
  lingerMs: number;
}): WeakSet<Socket> {
  const { server, max, lingerMs } = options;
  const refused = new WeakSet<Socket>();
  let open = 0;
  const answer = rawErrorResponse(
    new GatewayError({
      code: 'server_busy',
      message: `The gateway already has ${max} open connections, its limit (--max-connections). Retry shortly, or reuse connections (keep-alive).`,
      headers: { 'retry-after': '1', 'x-should-retry': 'true' },
    }),
  );
  // Before Node's own listener, so a refused socket is marked before its parser reads anything.
  server.prependListener('connection', (socket: Socket) => {
    if (open >= max) {
      refused.add(socket);
      socket.on('error', () => {});
      socket.end(answer);
      // Half-closed: the client reads the answer and closes; one that does not is cut off.
      const timer = setTimeout(() => socket.destroy(), lingerMs);
      timer.unref();
      socket.once('close', () => clearTimeout(timer));
      return;
    }
    open += 1;
    socket.once('close', () => {
      open -= 1;
    });
  });
  return refused;
}
