import { CoreError } from '../errors/core-error.js';
import type { ResponseObject, ResponsesStreamEvent } from '../protocol/responses/types.js';
import { appendAll, flattenBatches, singletonBatches } from './batches.js';
import type { CanonicalStreamEvent, StreamError } from './canonical-stream-event.js';
import { ResponsesEventWriter } from './responses-event-writer.js';
import { toStreamError } from './to-stream-error.js';

/** Options of {@link canonicalToResponsesEvents}. */
export interface CanonicalToResponsesEventsOptions {
  /**
   * The Response skeleton: id, created_at, model and the echoed request fields, with status
   * `in_progress`, `output: []` and `usage: null`. Every lifecycle event is built from it.
   */
  response: ResponseObject;
  /**
   * Awaited with the final Response before the terminal event is yielded (the gateway stores the
   * response here, so a client never sees `completed` for a response that was not stored). If it
   * throws on success, the client gets `error` + `response.failed` instead.
   */
  onBeforeTerminal?: (final: ResponseObject) => Promise<void> | void;
  /**
   * Batched form only: the events of the input batch that finishes the response wait for
   * `onBeforeTerminal` and come out in one batch with the terminal event, instead of a batch of their
   * own before it. A server then writes them in one system call, not two; their delay is the
   * `onBeforeTerminal` wait. Default false.
   */
  terminalJoinsLastBatch?: boolean;
}

/**
 * Canonical stream events → Responses stream events in the exact order of
 * docs/protocol/responses.md#event-order (orders A and B, text then call; `response.incomplete` for a cut-off
 * finish; `error` + `response.failed` on failure). Never yields `[DONE]` or an event type outside the
 * documented catalogue (docs/protocol/sdk-requirements.md#responses-stream-helper, R8).
 */
export function canonicalToResponsesEvents(
  events: AsyncIterable<CanonicalStreamEvent>,
  options: CanonicalToResponsesEventsOptions,
): AsyncIterable<ResponsesStreamEvent> {
  return flattenBatches(canonicalBatchesToResponsesEvents(singletonBatches(events), options));
}

/**
 * {@link canonicalToResponsesEvents} in batches (see `batches.ts`): one output batch per input
 * batch, except that the terminal event comes in a batch of its own, after `onBeforeTerminal`
 * (with `terminalJoinsLastBatch`, in the last batch instead).
 */
export async function* canonicalBatchesToResponsesEvents(
  batches: AsyncIterable<readonly CanonicalStreamEvent[]>,
  options: CanonicalToResponsesEventsOptions,
): AsyncIterable<ResponsesStreamEvent[]> {
  const writer = new ResponsesEventWriter(options.response);
  let failure: StreamError | undefined;
  let out: ResponsesStreamEvent[] = [];
  try {
    outer: for await (const batch of batches) {
      for (const event of batch) {
        if (event.type === 'error') {
          failure = event.error;
          break outer;
        }
        if (event.type === 'finish') {
          const { events: closing, final } = writer.finish(
            event.finishReason,
            event.usage,
            event.responseFields,
          );
          appendAll(out, closing);
          if (options.terminalJoinsLastBatch !== true) {
            if (out.length > 0) yield out;
            out = [];
          }
          failure = await storeFinal(options, final);
          if (failure === undefined) {
            out.push(writer.terminal(final));
            yield out;
            return;
          }
          break outer;
        }
        appendAll(out, write(writer, event));
      }
      writer.endBatch();
      if (out.length > 0) {
        yield out;
        out = [];
      }
    }
  } catch (error) {
    if (!CoreError.isInstance(error)) throw error;
    failure = toStreamError(error);
  }
  const { events: failing, final } = writer.fail(
    failure ??
      toStreamError(
        new CoreError({ code: 'invalid_stream', message: 'The stream ended before the response finished.' }),
      ),
  );
  appendAll(out, failing);
  if (out.length > 0) yield out;
  // The failed response is stored too; a storage error cannot make the outcome worse than failed.
  await storeFinal(options, final);
  yield [writer.terminal(final)];
}

async function storeFinal(
  options: CanonicalToResponsesEventsOptions,
  final: ResponseObject,
): Promise<StreamError | undefined> {
  if (options.onBeforeTerminal === undefined) return undefined;
  try {
    await options.onBeforeTerminal(final);
    return undefined;
  } catch (error) {
    return toStreamError(error);
  }
}

function write(writer: ResponsesEventWriter, event: CanonicalStreamEvent): ResponsesStreamEvent[] {
  switch (event.type) {
    case 'response-start':
      return writer.start(event.responseFields, event.serviceTier);
    case 'logprobs':
      return writer.logprobs(event.logprobs);
    case 'text-start':
      return writer.openMessage(event.itemId, event.passthrough);
    case 'text-delta':
      return writer.messageDelta('text', event.delta);
    case 'refusal-delta':
      return writer.messageDelta('refusal', event.delta);
    case 'text-end':
      return writer.closeMessage(event.passthrough, event.parts);
    case 'tool-call-start':
      return writer.openCall(event);
    case 'tool-call-delta':
      return writer.callDelta(event.delta);
    case 'tool-call-end':
      return writer.closeCall(event.arguments, event.passthrough);
    case 'reasoning':
      return writer.reasoning(event.item);
    case 'reasoning-start':
      return writer.openReasoning(event.item);
    case 'reasoning-part':
      return writer.reasoningPart(event.target, event.index, event.state, event.part);
    case 'reasoning-delta':
      return writer.reasoningDelta(event.target, event.index, event.delta);
    case 'reasoning-end':
      return writer.closeReasoning(event.item);
    default:
      return [];
  }
}
