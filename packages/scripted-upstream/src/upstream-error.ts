/**
 * An error the scripted upstream answers with, before it is rendered as the OpenAI envelope
 * `{"error":{message,type,param,code}}` (docs/protocol/errors.md#envelope).
 */
export interface UpstreamError {
  status: number;
  message: string;
  type: string;
  param: string | null;
  code: string | null;
  headers?: Record<string, string>;
}

/** Outcome of reading a request: the value, or the error to send back. */
export type ReadResult<T> = { ok: true; value: T } | { ok: false; error: UpstreamError };

/**
 * A 400 `invalid_request_error`, the shape of every OpenAI validation failure
 * (docs/protocol/errors.md#generic-validation-errors).
 */
export function invalidRequest(message: string, param: string | null, code: string | null): UpstreamError {
  return { status: 400, message, type: 'invalid_request_error', param, code };
}

/** Wraps an error as a failed {@link ReadResult}. */
export function failed<T>(error: UpstreamError): ReadResult<T> {
  return { ok: false, error };
}
