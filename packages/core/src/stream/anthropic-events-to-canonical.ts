import { AnthropicStreamDecoder } from './anthropic-stream-decoder.js';
import { flattenBatches, singletonBatches } from './batches.js';
import { decodeToCanonicalBatches } from './canonical-batches.js';
import type { CanonicalStreamEvent } from './canonical-stream-event.js';
import type { SseMessage } from './decode-sse.js';
import { parseSsePayload } from './parse-sse-payload.js';
import { resolveStreamLimits, type StreamLimits } from './stream-limits.js';

/**
 * SSE messages of an Anthropic Messages stream → parsed event payloads, in batches (see
 * `batches.ts`). `ping` is skipped unread; every other event's data must be JSON (padding whitespace
 * is fine), else a `CoreError` `invalid_stream`. An `error` event whose data lacks `type` is still an
 * error. The stream has no `[DONE]`: it ends with `message_stop` or the connection.
 */
export async function* decodeAnthropicEventBatches(
  batches: AsyncIterable<readonly SseMessage[]>,
): AsyncIterable<unknown[]> {
  for await (const messages of batches) {
    const out: unknown[] = [];
    for (const message of messages) {
      if (message.event === 'ping' || message.data.trim() === '') continue;
      let payload: unknown;
      try {
        payload = parseSsePayload(message.data, 'Anthropic Messages');
      } catch (error) {
        if (out.length > 0) yield out;
        throw error;
      }
      if (
        message.event === 'error' &&
        (typeof payload !== 'object' || payload === null || !('type' in payload))
      )
        payload = { type: 'error', error: payload };
      out.push(payload);
    }
    if (out.length > 0) yield out;
  }
}

/** Options of {@link anthropicEventsToCanonical}. */
export interface AnthropicEventsToCanonicalOptions {
  /** Overrides of `coreDefaults.streamLimits`. */
  limits?: Partial<StreamLimits>;
}

/**
 * Parsed Anthropic stream events → canonical stream events (docs/protocol/anthropic.md §10). An
 * upstream `error` event becomes the final `error` event; broken or hostile input becomes one too;
 * errors that are not `CoreError`s (network, abort) propagate.
 */
export function anthropicEventsToCanonical(
  events: AsyncIterable<unknown>,
  options: AnthropicEventsToCanonicalOptions = {},
): AsyncIterable<CanonicalStreamEvent> {
  return flattenBatches(anthropicEventBatchesToCanonical(singletonBatches(events), options));
}

/** {@link anthropicEventsToCanonical} in batches (see `batches.ts`). */
export function anthropicEventBatchesToCanonical(
  batches: AsyncIterable<readonly unknown[]>,
  options: AnthropicEventsToCanonicalOptions = {},
): AsyncIterable<CanonicalStreamEvent[]> {
  return decodeToCanonicalBatches(batches, new AnthropicStreamDecoder(resolveStreamLimits(options.limits)));
}
