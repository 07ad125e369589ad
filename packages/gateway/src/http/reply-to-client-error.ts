import type { Duplex } from 'node:stream';
import { ids } from '@toolbridge/core';
import { GatewayError } from '../errors/gateway-error.js';

/** Statuses Node's own handler picks for a request it could not parse; anything else is a 400. */
const STATUS_BY_CODE: ReadonlyMap<string, number> = new Map([
  ['HPE_HEADER_OVERFLOW', 431],
  ['ERR_HTTP_REQUEST_TIMEOUT', 408],
]);

const REASONS: ReadonlyMap<number, string> = new Map([
  [400, 'Bad Request'],
  [408, 'Request Timeout'],
  [431, 'Request Header Fields Too Large'],
]);

/**
 * The server's `clientError` listener: a request Node's parser refused (a raw non-ASCII byte in the
 * path, a broken header, headers over the limit) gets the status Node would send, but with the OpenAI
 * envelope and an `x-request-id`, like every other client mistake (docs/protocol/errors.md#gateway-errors).
 * Node's default handler writes a bare status line, which SDKs cannot read.
 */
export function replyToClientError(
  error: Error & { code?: string; rawPacket?: unknown },
  socket: Duplex,
): void {
  const status = STATUS_BY_CODE.get(error.code ?? '') ?? 400;
  if (error.code === 'ECONNRESET' || !socket.writable) {
    socket.destroy();
    return;
  }
  const gatewayError = new GatewayError({
    code: 'invalid_request',
    status,
    message:
      status === 431
        ? 'The request headers are larger than this server accepts. Send fewer or shorter headers.'
        : status === 408
          ? 'The request was not received in time. Send it again.'
          : 'The request could not be parsed as HTTP (for example a raw non-ASCII byte in the URL). Percent-encode the URL and send valid HTTP/1.1.',
    openaiCode: null,
  });
  const body = JSON.stringify(gatewayError.toBody());
  // An answer to HEAD has no body; the parser failed, so the method is read from the raw bytes.
  const head =
    Buffer.isBuffer(error.rawPacket) && error.rawPacket.subarray(0, 5).toString('latin1') === 'HEAD ';
  socket.end(
    `HTTP/1.1 ${status} ${REASONS.get(status) ?? 'Bad Request'}\r\n` +
      'content-type: application/json\r\n' +
      `content-length: ${Buffer.byteLength(body)}\r\n` +
      `x-request-id: ${ids.request()}\r\n` +
      'connection: close\r\n\r\n' +
      (head ? '' : body),
  );
}
