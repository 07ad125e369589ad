import { CoreError } from '../errors/core-error.js';
import { isJsonObject } from '../json/get-own.js';
import { withFields } from '../json/with-fields.js';
import { flattenBatches, singletonBatches } from './batches.js';
import { decodeDataBatches } from './decode-data-batches.js';
import type { SseMessage } from './decode-sse.js';
import { parseSsePayload } from './parse-sse-payload.js';

/**
 * SSE messages of a Responses stream → parsed event objects. A `[DONE]` terminator (Open Responses,
 * docs/protocol/responses.md#open-responses) ends the stream; an event without a JSON `type` takes it from
 * its `event:` line.
 */
export function decodeResponsesEvents(messages: AsyncIterable<SseMessage>): AsyncIterable<unknown> {
  return flattenBatches(decodeResponsesEventBatches(singletonBatches(messages)));
}

/** {@link decodeResponsesEvents} in batches (see `batches.ts`). */
export function decodeResponsesEventBatches(
  batches: AsyncIterable<readonly SseMessage[]>,
): AsyncIterable<unknown[]> {
  return decodeDataBatches(batches, (data, message) => {
    const event = parseSsePayload(data, 'Responses');
    if (!isJsonObject(event)) {
      throw new CoreError({
        code: 'invalid_stream',
        message: 'The upstream Responses stream sent an event that is not a JSON object.',
      });
    }
    return typeof event['type'] !== 'string' && message.event !== undefined
      ? withFields(event, { type: message.event })
      : event;
  });
}
