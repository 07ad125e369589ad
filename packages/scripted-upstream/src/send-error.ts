import type { ServerResponse } from 'node:http';
import type { OpenAIErrorBody } from '@toolbridge/core';
import type { UpstreamError } from './upstream-error.js';

/**
 * Sends an error as the OpenAI envelope with all four keys (docs/protocol/errors.md#envelope), as JSON even
 * when the request asked for a stream.
 */
export function sendError(response: ServerResponse, error: UpstreamError, requestId: string): void {
  if (response.headersSent || response.destroyed) {
    response.destroy();
    return;
  }
  const body: OpenAIErrorBody = {
    error: { message: error.message, type: error.type, param: error.param, code: error.code },
  };
  const text = JSON.stringify(body);
  response.writeHead(error.status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
    'x-request-id': requestId,
    ...error.headers,
  });
  response.end(text);
}
