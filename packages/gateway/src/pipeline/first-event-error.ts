import type { CanonicalStreamEvent } from '@toolbridge/core';
import type { GatewayErrorCode } from '../errors/error-codes.js';
import { errorCodes } from '../errors/error-codes.js';
import { GatewayError } from '../errors/gateway-error.js';

/** A stream whose very first event is an error: no byte was sent yet, so answer with an HTTP error. */
export function firstEventError(event: Extract<CanonicalStreamEvent, { type: 'error' }>): GatewayError {
  const code = (
    event.error.code !== null && event.error.code in errorCodes ? event.error.code : 'upstream_error'
  ) as GatewayErrorCode;
  return new GatewayError({
    code,
    message: event.error.message,
    openaiCode: event.error.code,
    type: event.error.type,
  });
}
