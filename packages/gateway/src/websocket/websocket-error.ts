import { type GatewayError, toGatewayError } from '../errors/gateway-error.js';

/** The WebSocket error envelope of docs/open-responses.md#websocket-errors. */
export interface WebSocketErrorEvent {
  type: 'error';
  status: number;
  error: { type: string; code: string; message: string; param: string | null };
}

/**
 * Renders a failure of a WebSocket turn as the spec's error envelope: the HTTP status the same failure
 * would have had, and always a string `error.code` (the spec requires one; where OpenAI's envelope says
 * `null`, the gateway's own code stands in).
 */
export function webSocketErrorEvent(error: unknown): WebSocketErrorEvent {
  const gatewayError: GatewayError = toGatewayError(error);
  return {
    type: 'error',
    status: gatewayError.status,
    error: {
      type: gatewayError.type,
      code: gatewayError.openaiCode ?? gatewayError.code,
      message: gatewayError.message,
      param: gatewayError.param,
    },
  };
}
