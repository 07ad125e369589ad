import type { CanonicalFinishReason } from '../../items/canonical.js';

/** Finish reasons that mean content was withheld by a filter. */
const FILTERED = new Set([
  'SAFETY',
  'RECITATION',
  'BLOCKLIST',
  'PROHIBITED_CONTENT',
  'SPII',
  'IMAGE_SAFETY',
  'IMAGE_PROHIBITED_CONTENT',
  'IMAGE_RECITATION',
]);
/** Finish reasons that mean the model failed to produce a usable call: never an empty `stop`. */
const FAILED_CALL = new Set([
  'MALFORMED_FUNCTION_CALL',
  'UNEXPECTED_TOOL_CALL',
  'TOO_MANY_TOOL_CALLS',
  'MISSING_THOUGHT_SIGNATURE',
]);

/** A Gemini finish reason in canonical terms, or `failed-call` when the turn must not be reported as finished. */
export type GeminiFinish = CanonicalFinishReason | 'failed-call';

/**
 * Gemini `finishReason` → canonical (docs/protocol/gemini.md, "Finish reasons"): a turn with calls
 * finishes `tool_calls` whatever Gemini says (it says `STOP`); MAX_TOKENS → `length`; the filter
 * family → `content_filter`; MALFORMED_FUNCTION_CALL and its kin → `failed-call` (an error or a
 * retry, decided by the caller); anything else, future values included → `stop`.
 */
export function mapGeminiFinishReason(reason: string | undefined, sawCall: boolean): GeminiFinish {
  if (reason !== undefined && FAILED_CALL.has(reason)) return 'failed-call';
  if (reason === 'MAX_TOKENS') return 'length';
  if (reason !== undefined && FILTERED.has(reason)) return 'content_filter';
  return sawCall ? 'tool_calls' : 'stop';
}

/** The message of the error a `failed-call` finish becomes. */
export function failedCallMessage(reason: string | undefined, detail: string | undefined): string {
  const why = detail !== undefined && detail !== '' ? ` (${detail})` : '';
  return `Gemini could not produce a valid function call: finishReason ${reason ?? 'unknown'}${why}. Retry the request.`;
}
