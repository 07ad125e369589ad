import { flattenBatches, singletonBatches } from './batches.js';
import { decodeToCanonicalBatches } from './canonical-batches.js';
import type { CanonicalStreamEvent } from './canonical-stream-event.js';
import { ChatChunkReader } from './chat-chunk-reader.js';
import { ChatStreamDecoder } from './chat-stream-decoder.js';
import { decodeDataBatches } from './decode-data-batches.js';
import type { SseMessage } from './decode-sse.js';
import { resolveStreamLimits, type StreamLimits } from './stream-limits.js';

/** Options of {@link chatChunksToCanonical}. */
export interface ChatChunksToCanonicalOptions {
  /** Overrides of `coreDefaults.streamLimits`. */
  limits?: Partial<StreamLimits>;
}

/**
 * Parsed Chat Completions chunks → canonical stream events (docs/protocol/chat-completions.md#streaming, and
 * #reading-upstream-streams for what is tolerated). Broken or hostile input (identity change, limits,
 * truncation, upstream `{"error"}`) becomes one final `error` event; errors that are not `CoreError`s
 * (network, abort) propagate.
 */
export function chatChunksToCanonical(
  chunks: AsyncIterable<unknown>,
  options: ChatChunksToCanonicalOptions = {},
): AsyncIterable<CanonicalStreamEvent> {
  return flattenBatches(chatChunkBatchesToCanonical(singletonBatches(chunks), options));
}

/** {@link chatChunksToCanonical} in batches (see `batches.ts`). */
export function chatChunkBatchesToCanonical(
  batches: AsyncIterable<readonly unknown[]>,
  options: ChatChunksToCanonicalOptions = {},
): AsyncIterable<CanonicalStreamEvent[]> {
  return decodeToCanonicalBatches(batches, new ChatStreamDecoder(resolveStreamLimits(options.limits)));
}

/**
 * SSE messages of a Chat Completions stream → canonical events, in batches: what
 * `chatChunkBatchesToCanonical(decodeChatChunkBatches(messages))` gives, with the chunks read by a
 * `ChatChunkReader`, which skips `JSON.parse` for chunks that repeat the one before but for their
 * fragment (docs/adr/0012-chat-chunk-templates.md).
 */
export function chatSseBatchesToCanonical(
  messages: AsyncIterable<readonly SseMessage[]>,
  options: ChatChunksToCanonicalOptions = {},
): AsyncIterable<CanonicalStreamEvent[]> {
  const reader = new ChatChunkReader();
  return decodeToCanonicalBatches(
    decodeDataBatches(messages, (data) => reader.read(data)),
    new ChatStreamDecoder(resolveStreamLimits(options.limits)),
  );
}
