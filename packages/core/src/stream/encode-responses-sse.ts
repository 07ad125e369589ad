import { CoreError } from '../errors/core-error.js';
import { isJsonObject } from '../json/get-own.js';
import { stringifyWithShared, stringifyWithText } from '../json/stringify-shared.js';
import type { ResponsesStreamEvent } from '../protocol/responses/types.js';

/**
 * A Response already serialised, with its text: the final Response, written once for the store and
 * then sent in the terminal event (`text` must be its JSON, e.g. `stringifyWithShared(value, 'tools')`).
 */
export interface SerializedResponse<Value extends object = object> {
  value: Value;
  text: string;
}

/**
 * One Responses event as JSON text: `JSON.stringify(event)`. The Response of `response.created`,
 * `response.in_progress` and the terminal event echoes the tools; when they are a kept tool set's
 * (shared, docs/adr/0011-tool-set-cache.md), their text is written once per set, not once per event.
 * An event that carries `serialized.value` gets `serialized.text` for it.
 */
export function stringifyResponsesEvent(
  event: ResponsesStreamEvent | object,
  serialized?: SerializedResponse,
): string {
  const response = (event as { response?: unknown }).response;
  if (!isJsonObject(response)) return JSON.stringify(event);
  return serialized !== undefined && response === serialized.value
    ? stringifyWithText(event, 'response', serialized.text)
    : stringifyWithShared(event, 'tools', response);
}

/**
 * Frames one Responses event as `event: <type>` + `data: <json>` (docs/protocol/responses.md#streaming: the
 * event name equals the JSON `type`). A type with a line break would split the frame, so it is refused.
 */
export function encodeResponsesSse(event: ResponsesStreamEvent, serialized?: SerializedResponse): string {
  if (/[\r\n]/.test(event.type)) {
    throw new CoreError({
      code: 'invalid_stream',
      message: 'A Responses event type cannot contain a line break.',
    });
  }
  return `event: ${event.type}\ndata: ${stringifyResponsesEvent(event, serialized)}\n\n`;
}

/** Frames a batch of Responses events as one string (one socket write; see `batches.ts`). */
export function encodeResponsesSseBatch(
  events: readonly ResponsesStreamEvent[],
  serialized?: SerializedResponse,
): string {
  let frames = '';
  for (const event of events) frames += encodeResponsesSse(event, serialized);
  return frames;
}
