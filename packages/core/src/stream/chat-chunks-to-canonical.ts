import { CoreError } from '../errors/core-error.js';
import type { CanonicalStreamEvent } from './canonical-stream-event.js';
import { ChatStreamDecoder } from './chat-stream-decoder.js';
import { resolveStreamLimits, type StreamLimits } from './stream-limits.js';
import { toStreamError } from './to-stream-error.js';

/** Options of {@link chatChunksToCanonical}. */
export interface ChatChunksToCanonicalOptions {
  /** Overrides of `coreDefaults.streamLimits`. */
  limits?: Partial<StreamLimits>;
}

/**
 * Parsed Chat Completions chunks → canonical stream events (spec §3.3; client-runtime research
 * §A.5.8). Broken or hostile input (identity change, limits, truncation, upstream `{"error"}`)
 * becomes one final `error` event; errors that are not `CoreError`s (network, abort) propagate.
 */
export async function* chatChunksToCanonical(
  chunks: AsyncIterable<unknown>,
  options: ChatChunksToCanonicalOptions = {},
): AsyncIterable<CanonicalStreamEvent> {
  const decoder = new ChatStreamDecoder(resolveStreamLimits(options.limits));
  try {
    for await (const chunk of chunks) {
      yield* decoder.push(chunk);
      if (decoder.done) return;
    }
    yield* decoder.end();
  } catch (error) {
    if (!CoreError.isInstance(error)) throw error;
    yield { type: 'error', error: toStreamError(error) };
  }
}
