import { CoreError } from '../errors/core-error.js';
import type { CanonicalStreamEvent } from './canonical-stream-event.js';
import { ResponsesStreamDecoder } from './responses-stream-decoder.js';
import { resolveStreamLimits, type StreamLimits } from './stream-limits.js';
import { toStreamError } from './to-stream-error.js';

/** Options of {@link responsesEventsToCanonical}. */
export interface ResponsesEventsToCanonicalOptions {
  /** Overrides of `coreDefaults.streamLimits`. */
  limits?: Partial<StreamLimits>;
}

/**
 * Parsed Responses stream events → canonical stream events (spec §4.4): message items become text
 * items, function_call items tool calls (with their `fc_` item id), reasoning items one `reasoning`
 * event; `response.completed`/`incomplete` become `finish`, `error`/`response.failed` one `error`.
 * Unknown event types are ignored; errors that are not `CoreError`s propagate.
 */
export async function* responsesEventsToCanonical(
  events: AsyncIterable<unknown>,
  options: ResponsesEventsToCanonicalOptions = {},
): AsyncIterable<CanonicalStreamEvent> {
  const decoder = new ResponsesStreamDecoder(resolveStreamLimits(options.limits));
  try {
    for await (const event of events) {
      yield* decoder.push(event);
      if (decoder.done) return;
    }
    yield* decoder.end();
  } catch (error) {
    if (!CoreError.isInstance(error)) throw error;
    yield { type: 'error', error: toStreamError(error) };
  }
}
