import { CoreError } from '../errors/core-error.js';
import { safeParseJson } from '../json/safe-parse-json.js';

/** How much of a malformed payload an error message quotes. */
const QUOTE_CHARS = 120;

/**
 * Parses one SSE `data:` payload, throwing a `CoreError` (`invalid_stream`) that quotes the start of
 * the payload when it is not JSON (wire data is hostile: no bare `JSON.parse`).
 */
export function parseSsePayload(data: string, streamName: string): unknown {
  const parsed = safeParseJson(data);
  if (parsed.success) return parsed.value;
  const quoted = data.length > QUOTE_CHARS ? `${data.slice(0, QUOTE_CHARS)}…` : data;
  throw new CoreError({
    code: 'invalid_stream',
    message: `The upstream ${streamName} stream sent an event whose data is not JSON: ${JSON.stringify(quoted)}.`,
    cause: parsed.error,
  });
}
