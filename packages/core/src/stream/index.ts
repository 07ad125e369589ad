/** Public surface of the stream layer: SSE codec, decoders, encoders, compositions, accumulators. */
export { accumulateCanonical } from './accumulate-canonical.js';
export {
  type AnthropicEventsToCanonicalOptions,
  anthropicEventBatchesToCanonical,
  anthropicEventsToCanonical,
  decodeAnthropicEventBatches,
} from './anthropic-events-to-canonical.js';
export { appendAll, flattenBatches, singletonBatches } from './batches.js';
export type { CanonicalStreamEvent, StreamError } from './canonical-stream-event.js';
export {
  type CanonicalToChatChunksOptions,
  type ChatStreamPayload,
  canonicalBatchesToChatChunks,
  canonicalToChatChunks,
} from './canonical-to-chat-chunks.js';
export {
  type CanonicalToResponsesEventsOptions,
  canonicalBatchesToResponsesEvents,
  canonicalToResponsesEvents,
} from './canonical-to-responses-events.js';
export {
  type ChatChunksToCanonicalOptions,
  chatChunkBatchesToCanonical,
  chatChunksToCanonical,
  chatSseBatchesToCanonical,
} from './chat-chunks-to-canonical.js';
export {
  type ChatChunksToResponsesEventsOptions,
  chatChunksToResponsesEvents,
} from './chat-chunks-to-responses-events.js';
export { ChatStreamAccumulator } from './chat-stream-accumulator.js';
export { decodeChatChunkBatches, decodeChatChunks } from './decode-chat-chunks.js';
export { decodeResponsesEventBatches, decodeResponsesEvents } from './decode-responses-events.js';
export { type DecodeSseOptions, decodeSse, decodeSseBatches, type SseMessage } from './decode-sse.js';
export { CHAT_SSE_DONE, encodeChatSse } from './encode-chat-sse.js';
export {
  encodeResponsesSse,
  encodeResponsesSseBatch,
  type SerializedResponse,
  stringifyResponsesEvent,
} from './encode-responses-sse.js';
export {
  decodeGeminiChunkBatches,
  type GeminiChunksToCanonicalOptions,
  geminiChunkBatchesToCanonical,
} from './gemini-chunks-to-canonical.js';
export { geminiStreamError } from './gemini-stream-decoder.js';
export {
  type ResponsesEventsToCanonicalOptions,
  responsesEventBatchesToCanonical,
  responsesEventsToCanonical,
} from './responses-events-to-canonical.js';
export {
  type ResponsesEventsToChatChunksOptions,
  responsesEventsToChatChunks,
} from './responses-events-to-chat-chunks.js';
export { ResponsesStreamAccumulator } from './responses-stream-accumulator.js';
export { resolveStreamLimits, type StreamLimits } from './stream-limits.js';
export { toStreamError } from './to-stream-error.js';
