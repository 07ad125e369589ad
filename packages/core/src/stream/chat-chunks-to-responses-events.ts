import type { ResponsesStreamEvent } from '../protocol/responses/types.js';
import {
  type CanonicalToResponsesEventsOptions,
  canonicalToResponsesEvents,
} from './canonical-to-responses-events.js';
import { type ChatChunksToCanonicalOptions, chatChunksToCanonical } from './chat-chunks-to-canonical.js';

/** Options of {@link chatChunksToResponsesEvents}: the Responses encoder's plus the decoder's limits. */
export type ChatChunksToResponsesEventsOptions = CanonicalToResponsesEventsOptions &
  ChatChunksToCanonicalOptions;

/**
 * A Chat Completions upstream answering a `/v1/responses` stream: decode to canonical, encode as
 * Responses events. Callers that need to act between the two compose the halves themselves.
 */
export function chatChunksToResponsesEvents(
  chunks: AsyncIterable<unknown>,
  options: ChatChunksToResponsesEventsOptions,
): AsyncIterable<ResponsesStreamEvent> {
  const decoderOptions = options.limits === undefined ? {} : { limits: options.limits };
  return canonicalToResponsesEvents(chatChunksToCanonical(chunks, decoderOptions), options);
}
