/** Where half-way faults (#stall, #reset, #error-midstream, #malformed-chunk) strike: never before the first frame. */
export function midpoint(length: number): number {
  return Math.max(1, Math.floor(length / 2));
}

/** The Chat frame `#malformed-chunk` inserts: a data line whose JSON is cut off. */
export const MALFORMED_CHAT_FRAME =
  'data: {"id":"chatcmpl-malformed","object":"chat.completion.chunk","choices":[{"index":0,"delta":\n\n';

/** The Responses frame `#malformed-chunk` inserts: a named event whose data is not JSON. */
export const MALFORMED_RESPONSES_FRAME =
  'event: response.output_text.delta\ndata: {"type":"response.output_text.delta","sequence_number":\n\n';

/** Inserts one malformed frame in the middle of a stream. */
export function injectMalformed(frames: readonly string[], malformed: string): string[] {
  const at = midpoint(frames.length);
  return [...frames.slice(0, at), malformed, ...frames.slice(at)];
}
