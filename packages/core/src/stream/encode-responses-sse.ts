import { CoreError } from '../errors/core-error.js';
import type { ResponsesStreamEvent } from '../protocol/responses/types.js';

/**
 * Frames one Responses event as `event: <type>` + `data: <json>` (docs/protocol/responses.md#streaming: the
 * event name equals the JSON `type`). A type with a line break would split the frame, so it is refused.
 */
export function encodeResponsesSse(event: ResponsesStreamEvent): string {
  if (/[\r\n]/.test(event.type)) {
    throw new CoreError({
      code: 'invalid_stream',
      message: 'A Responses event type cannot contain a line break.',
    });
  }
  return `event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`;
}

/** Frames a batch of Responses events as one string (one socket write; see `batches.ts`). */
export function encodeResponsesSseBatch(events: readonly ResponsesStreamEvent[]): string {
  let frames = '';
  for (const event of events) frames += encodeResponsesSse(event);
  return frames;
}
