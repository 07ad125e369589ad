import { CoreError } from '../errors/core-error.js';
import { appendAll } from './batches.js';
import type { CanonicalStreamEvent } from './canonical-stream-event.js';
import { toStreamError } from './to-stream-error.js';

/** The push/end state machines that turn one upstream format's payloads into canonical events. */
export interface PayloadDecoder {
  readonly done: boolean;
  push(payload: unknown): CanonicalStreamEvent[];
  end(): CanonicalStreamEvent[];
}

/**
 * Runs parsed payload batches through `decoder`, one output batch per input batch (see `batches.ts`).
 * Broken or hostile input (a `CoreError`) becomes one final `error` event after the events released
 * before it; other errors (network, abort) propagate. Stops reading once the decoder is done.
 */
export async function* decodeToCanonicalBatches(
  batches: AsyncIterable<readonly unknown[]>,
  decoder: PayloadDecoder,
): AsyncIterable<CanonicalStreamEvent[]> {
  let out: CanonicalStreamEvent[] = [];
  try {
    for await (const payloads of batches) {
      for (const payload of payloads) {
        appendAll(out, decoder.push(payload));
        if (decoder.done) break;
      }
      if (decoder.done) {
        if (out.length > 0) yield out;
        return;
      }
      if (out.length > 0) {
        yield out;
        out = [];
      }
    }
    appendAll(out, decoder.end());
  } catch (error) {
    if (!CoreError.isInstance(error)) throw error;
    out.push({ type: 'error', error: toStreamError(error) });
  }
  if (out.length > 0) yield out;
}
