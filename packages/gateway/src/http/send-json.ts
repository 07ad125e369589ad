import type { ServerResponse } from 'node:http';
import type { GatewayError } from '../errors/gateway-error.js';

/** Writes a JSON body in one `end()` with its length, so keep-alive clients never wait for a close. */
export function sendJson(
  response: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  sendJsonText(response, status, JSON.stringify(body), headers);
}

/** `sendJson` for a body already serialised (`payload` must be JSON text). */
export function sendJsonText(
  response: ServerResponse,
  status: number,
  payload: string,
  headers: Record<string, string> = {},
): void {
  response.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(payload),
    ...headers,
  });
  response.end(payload);
}

/** 5xx codes a later attempt can fix: the upstream or the gateway may be back or less busy by then. */
const RETRYABLE: ReadonlySet<string> = new Set(['upstream_timeout', 'upstream_unreachable']);

/**
 * Writes an error as the OpenAI envelope. Deterministic failures tell SDKs not to retry (`x-should-retry`,
 * docs/protocol/errors.md#status-codes-and-retries) unless the error says otherwise (an upstream 5xx); a
 * 413, or any error answered before the body was read to the end, closes the connection. `headers` carries
 * what every answer has (`x-request-id`, conformance case 72).
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
  if (error.status >= 500 && all['x-should-retry'] === undefined)
    all['x-should-retry'] = error.status === 503 || RETRYABLE.has(error.code) ? 'true' : 'false';
  if (error.status === 413 || response.req?.complete === false) all['connection'] = 'close';
  sendJson(response, error.status, error.toBody(), all);
}
