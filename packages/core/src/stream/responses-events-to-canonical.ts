import { flattenBatches, singletonBatches } from './batches.js';
import { decodeToCanonicalBatches } from './canonical-batches.js';
import type { CanonicalStreamEvent } from './canonical-stream-event.js';
import { ResponsesStreamDecoder } from './responses-stream-decoder.js';
import { resolveStreamLimits, type StreamLimits } from './stream-limits.js';

/** Options of {@link responsesEventsToCanonical}. */
export interface ResponsesEventsToCanonicalOptions {
  /** Overrides of `coreDefaults.streamLimits`. */
  limits?: Partial<StreamLimits>;
}

/**
 * Parsed Responses stream events → canonical stream events (docs/protocol/responses.md#streaming): message
 * items become text items, function_call items tool calls (with their `fc_` item id), reasoning items one
 * `reasoning` event; `response.completed`/`incomplete` become `finish`, `error`/`response.failed` one
 * `error`. Unknown event types are ignored; errors that are not `CoreError`s propagate.
 */
export function responsesEventsToCanonical(
  events: AsyncIterable<unknown>,
  options: ResponsesEventsToCanonicalOptions = {},
): AsyncIterable<CanonicalStreamEvent> {
  return flattenBatches(responsesEventBatchesToCanonical(singletonBatches(events), options));
}

/** {@link responsesEventsToCanonical} in batches (see `batches.ts`). */
export function responsesEventBatchesToCanonical(
  batches: AsyncIterable<readonly unknown[]>,
  options: ResponsesEventsToCanonicalOptions = {},
): AsyncIterable<CanonicalStreamEvent[]> {
  return decodeToCanonicalBatches(batches, new ResponsesStreamDecoder(resolveStreamLimits(options.limits)));
}
