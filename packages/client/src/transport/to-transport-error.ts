import { CoreError } from '@toolbridge/core';
import { APIError, APIUserAbortError } from 'openai';
import { ToolbridgeClientError } from '../errors/toolbridge-client-error.js';

/**
 * True for the 400 (or 404) a server sends when it cannot continue from `previous_response_id`: OpenAI's
 * `previous_response_not_found` (docs/protocol/responses.md#previous_response_id, point 5), or a stateless
 * server naming the parameter.
 */
function isPreviousResponseUnavailable(error: APIError): boolean {
  if (error.status !== 400 && error.status !== 404) return false;
  if (error.code === 'previous_response_not_found' || error.param === 'previous_response_id') return true;
  return /previous[_ ]response/i.test(error.message);
}

/**
 * Converts whatever the `openai` SDK or a stream accumulator threw into the client's one error class,
 * once, at the transport edge. An aborted signal always wins: the run was cancelled,
 * whatever the SDK made of it.
 */
export function toTransportError(error: unknown, signal: AbortSignal | undefined): ToolbridgeClientError {
  if (ToolbridgeClientError.isInstance(error)) return error;
  if (signal?.aborted || error instanceof APIUserAbortError) {
    return new ToolbridgeClientError({
      code: 'aborted',
      message: 'The model request was aborted.',
      cause: error,
    });
  }
  if (error instanceof APIError) {
    const status = error.status;
    if (isPreviousResponseUnavailable(error)) {
      const message = `The server cannot continue from previous_response_id (${error.message}).`;
      return new ToolbridgeClientError({
        code: 'previous_response_unavailable',
        message,
        cause: error,
        ...(status === undefined ? {} : { status }),
      });
    }
    return new ToolbridgeClientError({
      code: 'transport_error',
      message: `The model request failed${status === undefined ? '' : ` (HTTP ${status})`}: ${error.message}`,
      cause: error,
      ...(status === undefined ? {} : { status }),
    });
  }
  if (CoreError.isInstance(error)) {
    return new ToolbridgeClientError({
      code: 'invalid_response',
      message: `The server sent an unusable response: ${error.message}`,
      cause: error,
    });
  }
  const message = error instanceof Error ? error.message : String(error);
  return new ToolbridgeClientError({
    code: 'transport_error',
    message: `The model request failed: ${message}`,
    cause: error,
  });
}
