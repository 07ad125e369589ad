import type { ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { ids } from '@toolbridge/core';
import type { ServerLimits } from '../config/gateway-config.js';
import { GatewayError } from '../errors/gateway-error.js';
import { rawErrorResponse } from './raw-error-response.js';

/** Node's `clientError` argument: an Error with the parser's or the timeout's code, and the raw bytes. */
type ClientError = Error & { code?: string; rawPacket?: unknown };

function errorFor(error: ClientError, bodyPhase: boolean, limits: ServerLimits): GatewayError {
  switch (error.code) {
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return new GatewayError({
        code: 'request_timeout',
        message: bodyPhase
          ? `The request body did not arrive in full within ${limits.requestTimeoutMs} ms (--request-timeout); the connection is closed.`
          : `The request headers did not arrive within ${limits.headersTimeoutMs} ms (--headers-timeout); the connection is closed.`,
      });
    case 'HPE_HEADER_OVERFLOW':
      return new GatewayError({
        code: 'request_header_fields_too_large',
        message:
          "The request headers are larger than Node's limit (16 KiB unless node runs with --max-http-header-size). Send fewer or shorter headers.",
      });
    case 'HPE_CHUNK_EXTENSIONS_OVERFLOW':
      return new GatewayError({
        code: 'request_too_large',
        message: 'The chunk extensions of the request body are too large.',
      });
    default:
      return new GatewayError({
        code: 'invalid_request',
        message: `The request could not be parsed as HTTP/1.1 (${error.code ?? 'parse error'}), for example a raw non-ASCII byte in the URL. Percent-encode the URL and send valid HTTP/1.1; the connection is closed.`,
        openaiCode: 'invalid_http_request',
      });
  }
}

/**
 * The server's `clientError` handler: what Node's parser refused (431, malformed framing) or timed out
 * (408) is answered in the OpenAI envelope instead of Node's empty-bodied reply, when the socket can still
 * take it — not after part of a response went out — and the connection is then closed.
 */
export function answerClientError(error: ClientError, socket: Socket, limits: ServerLimits): void {
  // The in-flight response, if the request got that far (Node's own handler checks the same).
  const pending = (socket as Socket & { _httpMessage?: ServerResponse | null })._httpMessage;
  if (error.code === 'ECONNRESET' || !socket.writable || pending?.headersSent === true) {
    socket.destroy();
    return;
  }
  // An answer to HEAD has no body; the parser failed, so the method is read from the raw bytes.
  const head =
    Buffer.isBuffer(error.rawPacket) && error.rawPacket.subarray(0, 5).toString('latin1') === 'HEAD ';
  const answer = rawErrorResponse(
    errorFor(error, pending != null, limits),
    { 'x-request-id': ids.request() },
    { withBody: !head },
  );
  socket.end(answer, () => socket.destroy());
}
