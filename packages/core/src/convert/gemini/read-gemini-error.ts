import { isJsonObject } from '../../json/get-own.js';
import { safeParseJson } from '../../json/safe-parse-json.js';

/** A Gemini error body read into what the gateway maps (docs/protocol/gemini.md, "Errors"). */
export interface GeminiErrorReading {
  message: string;
  /** The canonical status name: `RESOURCE_EXHAUSTED`, `INVALID_ARGUMENT`, … (null when absent). */
  status: string | null;
  /** The numeric `code` in the body (an HTTP status), when present. */
  code: number | null;
  /** `google.rpc.ErrorInfo.reason`, e.g. `API_KEY_INVALID`. */
  reason: string | null;
  /** `google.rpc.RetryInfo.retryDelay` in milliseconds. */
  retryAfterMs: number | null;
}

function detailsOf(error: Record<string, unknown>): Record<string, unknown>[] {
  const details = error['details'];
  return Array.isArray(details) ? details.filter(isJsonObject) : [];
}

/** `"41s"` / `"1.5s"` (protobuf Duration JSON) → milliseconds. */
function durationMs(value: unknown): number | null {
  if (typeof value !== 'string') return null;
  const match = /^(\d+(?:\.\d+)?)s$/.exec(value.trim());
  return match === null ? null : Math.round(Number(match[1]) * 1000);
}

/** The `error` object of an error body: `{"error":{…}}` or the one-element array form `[{"error":{…}}]`. */
export function geminiErrorObject(value: unknown): Record<string, unknown> | undefined {
  const wrapper = Array.isArray(value) && value.length > 0 ? value[0] : value;
  if (!isJsonObject(wrapper)) return undefined;
  const error = Object.hasOwn(wrapper, 'error') ? wrapper['error'] : undefined;
  return isJsonObject(error) ? error : undefined;
}

/** Reads an already parsed Gemini `error` object. */
export function readGeminiErrorObject(error: Record<string, unknown>): GeminiErrorReading {
  let reason: string | null = null;
  let retryAfterMs: number | null = null;
  for (const detail of detailsOf(error)) {
    const type = detail['@type'];
    if (typeof type !== 'string') continue;
    if (type.endsWith('google.rpc.ErrorInfo') && typeof detail['reason'] === 'string')
      reason = detail['reason'];
    if (type.endsWith('google.rpc.RetryInfo')) retryAfterMs = durationMs(detail['retryDelay']);
  }
  return {
    message:
      typeof error['message'] === 'string' ? error['message'] : 'Gemini reported an error without a message.',
    status: typeof error['status'] === 'string' ? error['status'] : null,
    code: typeof error['code'] === 'number' ? error['code'] : null,
    reason,
    retryAfterMs,
  };
}

/** Reads a Gemini error body (either form); a body that is not one is quoted as the message. */
export function readGeminiError(bodyText: string): GeminiErrorReading {
  const parsed = safeParseJson(bodyText);
  const error = parsed.success ? geminiErrorObject(parsed.value) : undefined;
  if (error !== undefined) return readGeminiErrorObject(error);
  return {
    message: bodyText.slice(0, 500) || '(empty body)',
    status: null,
    code: null,
    reason: null,
    retryAfterMs: null,
  };
}
