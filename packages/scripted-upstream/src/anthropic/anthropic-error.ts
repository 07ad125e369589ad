import type { ServerResponse } from 'node:http';

/** An error the Anthropic side of the double answers with: `{"type":"error","error":{type,message}}`. */
export interface AnthropicError {
  status: number;
  type: string;
  message: string;
  headers?: Record<string, string>;
}

/** Outcome of reading an Anthropic request. */
export type AnthropicRead<T> = { ok: true; value: T } | { ok: false; error: AnthropicError };

/** A 400 `invalid_request_error`, the shape of every Messages validation failure. */
export function invalidMessages(message: string): AnthropicError {
  return { status: 400, type: 'invalid_request_error', message };
}

/** Wraps an error as a failed read. */
export function refused<T>(error: AnthropicError): AnthropicRead<T> {
  return { ok: false, error };
}

/** Error type and message per HTTP status, as Anthropic's error table pairs them. */
const BY_STATUS = new Map<number, Omit<AnthropicError, 'status'>>([
  [400, { type: 'invalid_request_error', message: 'Scripted invalid request (#error=400).' }],
  [401, { type: 'authentication_error', message: 'invalid x-api-key' }],
  [402, { type: 'billing_error', message: 'Your credit balance is too low (#error=402).' }],
  [403, { type: 'permission_error', message: 'Your API key does not have permission (#error=403).' }],
  [404, { type: 'not_found_error', message: 'model: scripted-model-not-found (#error=404)' }],
  [413, { type: 'request_too_large', message: 'Request exceeds the maximum allowed number of bytes.' }],
  [
    429,
    {
      type: 'rate_limit_error',
      message: 'Number of request tokens has exceeded your per-minute rate limit (#error=429).',
      headers: { 'retry-after': '1' },
    },
  ],
  [500, { type: 'api_error', message: 'Internal server error (#error=500).' }],
  [504, { type: 'timeout_error', message: 'Request timed out (#error=504).' }],
  [529, { type: 'overloaded_error', message: 'Overloaded' }],
]);

/** The Anthropic error for `#error=NNN`: the type Anthropic uses for that status; 429 has `retry-after: 1`. */
export function anthropicFailure(status: number): AnthropicError {
  const known = BY_STATUS.get(status);
  if (known !== undefined) return { status, ...known };
  return {
    status,
    type: status >= 500 ? 'api_error' : 'invalid_request_error',
    message: `Scripted error ${status}.`,
  };
}

/** The JSON of an error body or of a stream `error` event's data. */
export function anthropicErrorJson(
  error: Pick<AnthropicError, 'type' | 'message'>,
  requestId: string,
): string {
  return JSON.stringify({
    type: 'error',
    error: { type: error.type, message: error.message },
    request_id: requestId,
  });
}

/** Sends an Anthropic error body (JSON even for a streaming request); Anthropic names its id `request-id`. */
export function sendAnthropicError(response: ServerResponse, error: AnthropicError, requestId: string): void {
  if (response.headersSent || response.destroyed) {
    response.destroy();
    return;
  }
  const text = anthropicErrorJson(error, requestId);
  response.writeHead(error.status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
    'request-id': requestId,
    'x-request-id': requestId,
    ...(error.status === 529 || error.status >= 500 ? { 'x-should-retry': 'true' } : {}),
    ...error.headers,
  });
  response.end(text);
}
