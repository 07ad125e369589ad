import {
  type CanonicalRequest,
  type CanonicalStreamEvent,
  CoreError,
  type CoreErrorCode,
  decodeSseBatches,
  withFields,
} from '@toolbridge/core';
import { GatewayError } from '../errors/gateway-error.js';
import type { RequestAbort } from '../http/request-abort.js';
import { firstEventError } from './first-event-error.js';
import { attemptReporter } from './report-to-observer.js';
import type { TurnContext, UpstreamTarget } from './upstream-target.js';
import { withRefusalFallback } from './with-refusal-fallback.js';

/** An upstream stream whose first event has arrived (so nothing failed before the client saw a byte). */
export interface OpenedStream {
  /** Canonical events in the batches they arrived in (core `batches.ts`); never an empty batch. */
  events: AsyncIterable<CanonicalStreamEvent[]>;
  adjustments: string[];
  retries: number;
}

/** Turns a failure while reading an upstream stream into a canonical error event. */
function streamFailure(target: UpstreamTarget, error: unknown, signal: RequestAbort): CanonicalStreamEvent {
  const mapped = CoreError.isInstance(error)
    ? new GatewayError({
        code: 'upstream_invalid_response',
        message: `Upstream '${target.provider.name}' sent a broken stream: ${error.message}`,
        cause: error,
      })
    : GatewayError.isInstance(error)
      ? error
      : target.client.networkError(error, signal);
  return {
    type: 'error',
    error: {
      message: target.client.redact(mapped.message),
      type: mapped.type,
      code: mapped.code,
      param: null,
    },
  };
}

/** Codes core's stream decoders put on the `error` event they end with when the upstream's bytes are broken. */
const DECODER_CODES: ReadonlySet<string> = new Set<CoreErrorCode>([
  'invalid_stream',
  'stream_limit_exceeded',
  'tool_call_identity_changed',
]);

/**
 * Core's decoders report a broken upstream stream in-band (an `error` event with a CoreError code)
 * instead of throwing; those get the gateway's vocabulary too, like a broken JSON body does
 * (`upstream_invalid_response`). Errors the upstream itself reported pass with the provider's
 * credentials masked: an upstream may quote the key it was sent (SECURITY.md).
 */
function fromDecoder(
  target: UpstreamTarget,
  event: CanonicalStreamEvent,
  signal: RequestAbort,
): CanonicalStreamEvent {
  if (event.type !== 'error') return event;
  if (event.error.code === null || !DECODER_CODES.has(event.error.code)) {
    const message = target.client.redact(event.error.message);
    return message === event.error.message
      ? event
      : withFields(event, { error: withFields(event.error, { message }) });
  }
  const cause = new CoreError({ code: event.error.code as CoreErrorCode, message: event.error.message });
  return streamFailure(target, cause, signal);
}

/**
 * Maps decoder errors into the gateway's vocabulary and cuts the batch after the first error.
 * Returns whether the batch ended the stream.
 */
function guardBatch(
  target: UpstreamTarget,
  batch: CanonicalStreamEvent[],
  signal: RequestAbort,
): { batch: CanonicalStreamEvent[]; failed: boolean } {
  for (let index = 0; index < batch.length; index++) {
    const event = batch[index] as CanonicalStreamEvent;
    if (event.type === 'error') {
      const guarded = batch.slice(0, index);
      guarded.push(fromDecoder(target, event, signal));
      return { batch: guarded, failed: true };
    }
  }
  return { batch, failed: false };
}

async function* guarded(
  target: UpstreamTarget,
  iterator: AsyncIterator<CanonicalStreamEvent[]>,
  first: CanonicalStreamEvent[],
  signal: RequestAbort,
): AsyncIterable<CanonicalStreamEvent[]> {
  try {
    const head = guardBatch(target, first, signal);
    yield head.batch;
    if (head.failed) return;
    for (;;) {
      const next = await iterator.next();
      if (next.done) return;
      const { batch, failed } = guardBatch(target, next.value, signal);
      yield batch;
      if (failed) return;
    }
  } catch (error) {
    yield [streamFailure(target, error, signal)];
  } finally {
    await iterator.return?.();
  }
}

/**
 * Starts a streaming upstream turn and waits for its first events. A stream that fails before them
 * (HTTP errors, resets, an empty stream, a first event that is an error) is retried by the upstream
 * client's one retry loop, with its backoff, because the client has not received a byte yet; later
 * failures become an `error` event.
 */
export function openUpstreamStream(
  target: UpstreamTarget,
  request: CanonicalRequest,
  context: TurnContext,
): Promise<OpenedStream> {
  return withRefusalFallback(target, async () => {
    const { path, body, adjustments } = target.codec.encodeRequest(request, {
      model: target.upstreamModel,
      stream: true,
    });
    const { value: events, retries } = await target.client.send(
      {
        path,
        body,
        stream: true,
        signal: context.signal,
        requestId: context.requestId,
        trace: context,
        onAttempt: attemptReporter(context, target, false),
      },
      async (reply) => {
        const iterator = target.codec
          .decodeStream(decodeSseBatches(reply.body), { model: target.upstreamModel })
          [Symbol.asyncIterator]();
        let first: CanonicalStreamEvent[];
        try {
          const next = await iterator.next();
          first = next.done
            ? [
                streamFailure(
                  target,
                  new CoreError({ code: 'invalid_stream', message: 'the stream was empty' }),
                  context.signal,
                ),
              ]
            : next.value;
        } catch (error) {
          first = [streamFailure(target, error, context.signal)];
        }
        const head = first[0];
        if (head?.type === 'error') {
          reply.body.destroy();
          await iterator.return?.();
          return { error: firstEventError(fromDecoder(target, head, context.signal) as typeof head) };
        }
        return { value: guarded(target, iterator, first, context.signal) };
      },
    );
    return { events, adjustments, retries };
  });
}
