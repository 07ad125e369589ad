import { type IncomingMessage, STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import type { WebSocketServer } from 'ws';
import { GatewayError, toGatewayError } from '../errors/gateway-error.js';
import { checkHost } from '../http/check-host.js';
import { requestIdOf } from '../http/request-id.js';
import type { GatewayDeps } from '../routes/gateway-deps.js';
import { ResponsesWebSocketSession } from './responses-websocket-session.js';

/** WebSocket mode of `/v1/responses` on the gateway's own port (docs/open-responses.md#websocket-mode). */
export interface ResponsesWebSocketServer {
  /** The HTTP server's `upgrade` handler. */
  handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void;
  /** Connections producing a response right now. */
  readonly inFlight: number;
  /** Closes every connection (gateway shutdown), aborting the responses they run. */
  closeAll(): void;
}

const RESPONSES_PATH = '/v1/responses';

/**
 * Refuses an upgrade with a plain HTTP answer in the OpenAI envelope: the socket is still raw HTTP, and a
 * client (or the `ws` library) reads the status and body of a refused handshake.
 */
function refuse(socket: Duplex, error: GatewayError, requestId: string): void {
  const body = JSON.stringify(error.toBody());
  const reason = STATUS_CODES[error.status] ?? 'Error';
  socket.end(
    `HTTP/1.1 ${error.status} ${reason}\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\n` +
      `x-request-id: ${requestId}\r\nconnection: close\r\n\r\n${body}`,
  );
}

/**
 * Accepts WebSocket upgrades on `/v1/responses` with the HTTP routes' authentication; every other path is
 * a 404. Uses `ws` in no-server mode so it shares the gateway's port and listener.
 */
export function createResponsesWebSocketServer(deps: GatewayDeps): ResponsesWebSocketServer {
  // `ws` is loaded on the first upgrade, so a gateway that never sees WebSocket mode does not keep the
  // library in its heap (docs/adr/0014-memory-under-load.md).
  let server: Promise<WebSocketServer> | undefined;
  const loadServer = () =>
    (server ??= import('ws').then(
      ({ WebSocketServer }) =>
        new WebSocketServer({
          noServer: true,
          maxPayload: deps.config.maxBodyBytes,
          // Event messages are small and many; compressing each costs more CPU than it saves on loopback and LANs.
          perMessageDeflate: false,
        }),
    ));
  const sessions = new Set<ResponsesWebSocketSession>();
  return {
    handleUpgrade(request, socket, head) {
      const requestId = requestIdOf(request);
      const path = (request.url ?? '/').split('?')[0];
      // The same gates as an HTTP request: the Host allow-list, then the key (its project owns what
      // the connection stores, its limits hold for every turn).
      const admitted = (async () => {
        if (path !== RESPONSES_PATH) {
          throw new GatewayError({
            code: 'not_found',
            message: `Invalid URL (WebSocket ${path}); WebSocket mode is served on ${RESPONSES_PATH}.`,
            openaiCode: null,
          });
        }
        checkHost(request, deps.allowedHosts);
        const client = await deps.resolveClient(request);
        return { client, server: await loadServer() };
      })();
      admitted.then(
        ({ client, server }) =>
          server.handleUpgrade(request, socket, head, (webSocket) => {
            const session = new ResponsesWebSocketSession(webSocket, deps, {
              connectionId: requestId,
              client,
            });
            sessions.add(session);
            webSocket.once('close', () => sessions.delete(session));
          }),
        (error: unknown) => refuse(socket, toGatewayError(error), requestId),
      );
    },
    get inFlight() {
      let busy = 0;
      for (const session of sessions) if (session.busy) busy += 1;
      return busy;
    },
    closeAll() {
      for (const session of sessions) session.close();
      sessions.clear();
    },
  };
}
