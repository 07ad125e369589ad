import { STATUS_CODES } from 'node:http';
import type { GatewayError } from '../errors/gateway-error.js';

/**
 * A whole HTTP/1.1 error response as bytes, in the OpenAI envelope, that closes the connection. For
 * answers written straight to a socket, where Node has no `ServerResponse` (a refused connection, a
 * request Node's parser rejected or timed out).
 */
export function rawErrorResponse(
  error: GatewayError,
  extraHeaders: Record<string, string> = {},
  { withBody = true }: { withBody?: boolean } = {},
): string {
  const body = JSON.stringify(error.toBody());
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'content-length': String(Buffer.byteLength(body)),
    connection: 'close',
    ...error.headers,
    ...extraHeaders,
  };
  const lines = Object.entries(headers).map(([name, value]) => `${name}: ${value}\r\n`);
  return `HTTP/1.1 ${error.status} ${STATUS_CODES[error.status] ?? 'Error'}\r\n${lines.join('')}\r\n${withBody ? body : ''}`;
}
