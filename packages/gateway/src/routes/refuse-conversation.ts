import type { ResponsesRequest } from '@toolbridge/core';
import { GatewayError } from '../errors/gateway-error.js';

/**
 * toolbridge keeps Responses state as `previous_response_id` chains and does not implement OpenAI's
 * Conversations API. A `conversation` would otherwise be dropped on the way to a Chat, Anthropic or
 * Gemini upstream — the model answering without the conversation's items, a 200 that lost them — or
 * passed to a Responses upstream that holds no such conversation. So it is refused, before the request
 * counts against a key's limits (docs/protocol/responses.md#conversations).
 */
export function refuseConversation(request: ResponsesRequest): void {
  const conversation = request['conversation'];
  if (conversation === undefined || conversation === null) return;
  throw new GatewayError({
    code: 'unsupported_parameter',
    message:
      "toolbridge does not implement the Conversations API, so 'conversation' cannot be honoured. Continue from the last response with 'previous_response_id', or send the conversation's items in 'input'.",
    param: 'conversation',
    openaiCode: 'unsupported_parameter',
  });
}
