import type { ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { ServerLimits } from '../config/gateway-config.js';
import { GatewayError } from '../errors/gateway-error.js';
import { rawErrorResponse } from './raw-error-response.js';

/** Node's `clientError` argument: an Error with the parser's or the timeout's code. */
type ClientError = Error & { code?: string };

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
        message: `The request is not valid HTTP/1.1 (${error.code ?? 'parse error'}); the connection is closed.`,
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
  const answer = rawErrorResponse(errorFor(error, pending != null, limits));
  socket.end(answer, () => socket.destroy());
}
