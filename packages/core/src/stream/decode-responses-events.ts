import { CoreError } from '../errors/core-error.js';
import { isJsonObject } from '../json/get-own.js';
import type { SseMessage } from './decode-sse.js';
import { parseSsePayload } from './parse-sse-payload.js';

/**
 * SSE messages of a Responses stream → parsed event objects. A `[DONE]` terminator (Open Responses,
 * spec §9) ends the stream; an event without a JSON `type` takes it from its `event:` line.
 */
export async function* decodeResponsesEvents(messages: AsyncIterable<SseMessage>): AsyncIterable<unknown> {
  for await (const message of messages) {
    const data = message.data.trim();
    if (data === '[DONE]') return;
    if (data === '') continue;
    const event = parseSsePayload(data, 'Responses');
    if (!isJsonObject(event)) {
      throw new CoreError({
        code: 'invalid_stream',
        message: 'The upstream Responses stream sent an event that is not a JSON object.',
      });
    }
    if (typeof event['type'] !== 'string' && message.event !== undefined) {
      yield { ...event, type: message.event };
    } else {
      yield event;
    }
  }
}
