import type { ServerResponse } from 'node:http';
import type { GatewayError } from '../errors/gateway-error.js';

/** Writes a JSON body in one `end()` with its length, so keep-alive clients never wait for a close. */
export function sendJson(
  response: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const payload = JSON.stringify(body);
  response.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(payload),
    ...headers,
  });
  response.end(payload);
}

/**
 * Writes an error as the OpenAI envelope. Deterministic failures tell SDKs not to retry (`x-should-retry`,
 * docs/protocol/errors.md#status-codes-and-retries); a 413 closes the connection because the body was not
 * read to the end. `headers` carries what every answer has (`x-request-id`, conformance case 72).
 */
export function sendError(
  response: ServerResponse,
  error: GatewayError,
  headers: Record<string, string> = {},
): void {
  if (response.headersSent) {
    response.destroy(error);
    return;
  }
  const all: Record<string, string> = { ...headers, ...error.headers };
  if (error.status >= 500)
    all['x-should-retry'] = error.status === 503 || error.code === 'upstream_timeout' ? 'true' : 'false';
  if (error.status === 413) all['connection'] = 'close';
  sendJson(response, error.status, error.toBody(), all);
}
