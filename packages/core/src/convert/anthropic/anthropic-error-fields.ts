import { isJsonObject } from '../../json/get-own.js';

/** An Anthropic error read into the OpenAI envelope's vocabulary. */
export interface AnthropicErrorFields {
  /** The upstream's message, as it said it. */
  message: string;
  /** Anthropic's own `error.type` (`overloaded_error`…), or null when the body had none. */
  upstreamType: string | null;
  /** Envelope `type`. */
  type: string;
  /** Envelope `code`; where OpenAI has none, the gateway's code for the failure (`upstream_timeout`…). */
  code: string | null;
}

const BY_TYPE = new Map<string, { type: string; code: string | null }>([
  ['invalid_request_error', { type: 'invalid_request_error', code: null }],
  ['not_found_error', { type: 'invalid_request_error', code: null }],
  ['request_too_large', { type: 'invalid_request_error', code: 'request_too_large' }],
  ['rate_limit_error', { type: 'rate_limit_error', code: 'rate_limit_exceeded' }],
  ['billing_error', { type: 'insufficient_quota', code: 'insufficient_quota' }],
  ['overloaded_error', { type: 'server_error', code: 'overloaded' }],
  ['api_error', { type: 'server_error', code: null }],
  ['timeout_error', { type: 'server_error', code: 'upstream_timeout' }],
  ['authentication_error', { type: 'server_error', code: 'upstream_authentication_failed' }],
  ['permission_error', { type: 'server_error', code: 'upstream_authentication_failed' }],
]);

const CONTEXT_TOO_LONG = /prompt is too long|input length and `max_tokens` exceed context limit/i;

/**
 * Reads an Anthropic error body (`{"type":"error","error":{type,message}}`) or the `error` object of a
 * stream `error` event, whatever the upstream left out (docs/protocol/anthropic.md §11): overloaded →
 * `server_error`/`overloaded`, rate limit → `rate_limit_exceeded`, a spend limit or billing problem →
 * `insufficient_quota`, a prompt too long → `context_length_exceeded`.
 */
export function readAnthropicError(value: unknown): AnthropicErrorFields {
  const error = isJsonObject(value) && isJsonObject(value['error']) ? value['error'] : value;
  if (!isJsonObject(error)) {
    return { message: 'Upstream error', upstreamType: null, type: 'server_error', code: null };
  }
  const message = typeof error['message'] === 'string' ? error['message'] : 'Upstream error';
  const upstreamType = typeof error['type'] === 'string' ? error['type'] : null;
  const details = isJsonObject(error['details']) ? error['details'] : {};
  if (details['error_code'] === 'enforced_spend_limit_reached') {
    return { message, upstreamType, type: 'insufficient_quota', code: 'insufficient_quota' };
  }
  const mapped = (upstreamType !== null ? BY_TYPE.get(upstreamType) : undefined) ?? {
    type: 'server_error',
    code: null,
  };
  const code =
    upstreamType === 'invalid_request_error' && CONTEXT_TOO_LONG.test(message)
      ? 'context_length_exceeded'
      : mapped.code;
  return { message, upstreamType, type: mapped.type, code };
}
