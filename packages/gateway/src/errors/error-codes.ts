/**
 * The one table mapping gateway error codes to HTTP status and OpenAI error `type`
 * (docs/protocol/errors.md#gateway-errors).
 * 4xx codes are the client's to fix; 5xx codes say whether the gateway or the upstream failed.
 */
export const errorCodes = {
  invalid_request: { status: 400, type: 'invalid_request_error' },
  invalid_json: { status: 400, type: 'invalid_request_error' },
  unsupported_parameter: { status: 400, type: 'invalid_request_error' },
  previous_response_not_found: { status: 400, type: 'invalid_request_error' },
  /** `serve --replay`: no cassette holds this upstream request (docs/cassettes.md#a-miss). */
  cassette_not_found: { status: 400, type: 'invalid_request_error' },
  unauthorized: { status: 401, type: 'invalid_request_error' },
  host_not_allowed: { status: 403, type: 'invalid_request_error' },
  not_found: { status: 404, type: 'invalid_request_error' },
  model_not_found: { status: 404, type: 'invalid_request_error' },
  /** A virtual key asked for a model outside its list: OpenAI's 403 for a project without access. */
  model_access_denied: { status: 403, type: 'invalid_request_error' },
  method_not_allowed: { status: 405, type: 'invalid_request_error' },
  request_timeout: { status: 408, type: 'invalid_request_error' },
  request_too_large: { status: 413, type: 'invalid_request_error' },
  unsupported_media_type: { status: 415, type: 'invalid_request_error' },
  request_header_fields_too_large: { status: 431, type: 'invalid_request_error' },
  client_closed_request: { status: 499, type: 'invalid_request_error' },
  rate_limit_exceeded: { status: 429, type: 'rate_limit_error' },
  /** A key's budget is spent; as OpenAI's spent quota, waiting a minute does not help. */
  insufficient_quota: { status: 429, type: 'insufficient_quota' },
  internal_error: { status: 500, type: 'server_error' },
  store_unavailable: { status: 503, type: 'server_error' },
  upstream_error: { status: 502, type: 'server_error' },
  upstream_unreachable: { status: 502, type: 'server_error' },
  upstream_authentication_failed: { status: 502, type: 'server_error' },
  upstream_invalid_response: { status: 502, type: 'server_error' },
  upstream_invalid_tool_call: { status: 502, type: 'server_error' },
  upstream_tool_choice_violation: { status: 502, type: 'server_error' },
  upstream_timeout: { status: 504, type: 'server_error' },
  shutting_down: { status: 503, type: 'server_error' },
  /** The upstream said it is overloaded (Anthropic 529 / `overloaded_error`): retry later. */
  overloaded: { status: 503, type: 'server_error' },
  server_busy: { status: 503, type: 'server_error' },
} as const satisfies Record<string, { status: number; type: string }>;

export type GatewayErrorCode = keyof typeof errorCodes;
