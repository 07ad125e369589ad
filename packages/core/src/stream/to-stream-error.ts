import { CoreError } from '../errors/core-error.js';
import { isJsonObject } from '../json/get-own.js';
import type { StreamError } from './canonical-stream-event.js';
import { stringField } from './wire-fields.js';

/** Envelope `type` of failures that happen inside a stream (OpenAI uses it for its own faults). */
const SERVER_ERROR = 'server_error';

/**
 * Turns anything thrown while streaming into a `StreamError`. A `CoreError` keeps its message and code;
 * anything else becomes a generic message, so internal details (storage, stack) never reach a client.
 */
export function toStreamError(error: unknown): StreamError {
  if (CoreError.isInstance(error)) {
    return { message: error.message, type: SERVER_ERROR, code: error.code, param: error.path ?? null };
  }
  return {
    message: 'The server had an error while processing the stream. Retry the request.',
    type: SERVER_ERROR,
    code: SERVER_ERROR,
    param: null,
  };
}

/**
 * Reads an upstream error object (Chat `{"error":{…}}`, Responses `error` event or `response.error`)
 * into a `StreamError`, filling what a sloppy upstream left out instead of failing on it.
 */
export function readUpstreamError(value: unknown): StreamError {
  if (!isJsonObject(value)) {
    return {
      message: typeof value === 'string' ? value : 'Upstream error',
      type: SERVER_ERROR,
      code: null,
      param: null,
    };
  }
  const rawCode = Object.hasOwn(value, 'code') ? value['code'] : undefined;
  const code = typeof rawCode === 'string' ? rawCode : typeof rawCode === 'number' ? String(rawCode) : null;
  return {
    message: stringField(value, 'message') ?? 'Upstream error',
    type: stringField(value, 'type') ?? SERVER_ERROR,
    code,
    param: stringField(value, 'param') ?? null,
  };
}
