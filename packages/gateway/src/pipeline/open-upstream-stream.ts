import { type CanonicalRequest, type CanonicalStreamEvent, CoreError, decodeSse } from '@toolbridge/core';
import { GatewayError } from '../errors/gateway-error.js';
import type { TurnContext, UpstreamTarget } from './upstream-target.js';

/** An upstream stream whose first event has arrived (so nothing failed before the client saw a byte). */
export interface OpenedStream {
  events: AsyncIterable<CanonicalStreamEvent>;
  adjustments: string[];
  retries: number;
}

/** Turns a failure while reading an upstream stream into a canonical error event. */
function streamFailure(target: UpstreamTarget, error: unknown, signal: AbortSignal): CanonicalStreamEvent {
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
    error: { message: mapped.message, type: mapped.type, code: mapped.code, param: null },
  };
}

async function* guarded(
  target: UpstreamTarget,
  iterator: AsyncIterator<CanonicalStreamEvent>,
  first: CanonicalStreamEvent,
  signal: AbortSignal,
): AsyncIterable<CanonicalStreamEvent> {
  yield first;
  if (first.type === 'error') return;
  try {
    for (;;) {
      const next = await iterator.next();
      if (next.done) return;
      yield next.value;
      if (next.value.type === 'error') return;
    }
  } catch (error) {
    yield streamFailure(target, error, signal);
  } finally {
    await iterator.return?.();
  }
}

/**
 * Starts a streaming upstream turn and waits for its first event. Failures before that event
 * (HTTP errors, resets, a first event that is an error) are retried with backoff like any request,
 * because the client has not received a byte yet; later failures become an `error` event.
 */
export async function openUpstreamStream(
  target: UpstreamTarget,
  request: CanonicalRequest,
  context: TurnContext,
): Promise<OpenedStream> {
  const { body, adjustments } = target.codec.encodeRequest(request, {
    model: target.upstreamModel,
    stream: true,
  });
  let retries = 0;
  for (;;) {
    const reply = await target.client.send({
      path: target.codec.path,
      body,
      stream: true,
      signal: context.signal,
      requestId: context.requestId,
    });
    retries += reply.retries;
    const iterator = target.codec.decodeStream(decodeSse(reply.body))[Symbol.asyncIterator]();
    let first: CanonicalStreamEvent;
    try {
      const next = await iterator.next();
      first = next.done
        ? streamFailure(
            target,
            new CoreError({ code: 'invalid_stream', message: 'the stream was empty' }),
            context.signal,
          )
        : next.value;
    } catch (error) {
      first = streamFailure(target, error, context.signal);
    }
    if (first.type === 'error' && retries < target.provider.retries && !context.signal.aborted) {
      retries += 1;
      reply.body.destroy();
      continue;
    }
    return { events: guarded(target, iterator, first, context.signal), adjustments, retries };
  }
}
