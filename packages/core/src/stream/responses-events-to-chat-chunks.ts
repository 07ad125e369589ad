import {
  type CanonicalToChatChunksOptions,
  type ChatStreamPayload,
  canonicalToChatChunks,
} from './canonical-to-chat-chunks.js';
import {
  type ResponsesEventsToCanonicalOptions,
  responsesEventsToCanonical,
} from './responses-events-to-canonical.js';

/** Options of {@link responsesEventsToChatChunks}: the Chat encoder's plus the decoder's limits. */
export type ResponsesEventsToChatChunksOptions = CanonicalToChatChunksOptions &
  ResponsesEventsToCanonicalOptions;

/**
 * A Responses upstream answering a `/v1/chat/completions` stream: decode to canonical, encode as
 * Chat chunks. Callers that need to act between the two compose the halves themselves.
 */
export function responsesEventsToChatChunks(
  events: AsyncIterable<unknown>,
  options: ResponsesEventsToChatChunksOptions,
): AsyncIterable<ChatStreamPayload> {
  const decoderOptions = options.limits === undefined ? {} : { limits: options.limits };
  return canonicalToChatChunks(responsesEventsToCanonical(events, decoderOptions), options);
}
