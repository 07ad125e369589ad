import { decodeToCanonicalBatches } from './canonical-batches.js';
import type { CanonicalStreamEvent } from './canonical-stream-event.js';
import { decodeDataBatches } from './decode-data-batches.js';
import type { SseMessage } from './decode-sse.js';
import { GeminiStreamDecoder } from './gemini-stream-decoder.js';
import { parseSsePayload } from './parse-sse-payload.js';
import { resolveStreamLimits, type StreamLimits } from './stream-limits.js';

/** Options of {@link geminiChunkBatchesToCanonical}. */
export interface GeminiChunksToCanonicalOptions {
  /** The model the request went to: signatures are bound to its family. */
  model: string;
  /** Overrides of `coreDefaults.streamLimits`. */
  limits?: Partial<StreamLimits>;
}

/**
 * SSE messages of a Gemini `streamGenerateContent?alt=sse` stream → parsed chunk payloads. Gemini
 * has no `[DONE]`: the stream ends when the connection closes. Malformed JSON throws a `CoreError`.
 */
export function decodeGeminiChunkBatches(
  batches: AsyncIterable<readonly SseMessage[]>,
): AsyncIterable<unknown[]> {
  return decodeDataBatches(batches, (data) => parseSsePayload(data, 'Gemini'));
}

/**
 * Parsed Gemini stream chunks → canonical stream events, in batches (see `batches.ts` and
 * {@link GeminiStreamDecoder}). Broken or hostile input becomes one final `error` event.
 */
export function geminiChunkBatchesToCanonical(
  batches: AsyncIterable<readonly unknown[]>,
  options: GeminiChunksToCanonicalOptions,
): AsyncIterable<CanonicalStreamEvent[]> {
  return decodeToCanonicalBatches(
    batches,
    new GeminiStreamDecoder({ model: options.model, limits: resolveStreamLimits(options.limits) }),
  );
}
