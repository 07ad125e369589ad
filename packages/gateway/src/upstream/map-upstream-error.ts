import { isJsonObject, safeParseJson } from '@toolbridge/core';
import { GatewayError } from '../errors/gateway-error.js';
import type { Redact } from '../logging/redact-secrets.js';
import type { UpstreamErrorFields } from '../providers/provider-codec.js';

/** Statuses passed through to the client unchanged: the request itself was at fault. */
const PASS_THROUGH = new Set([400, 404, 409, 413, 422]);

/** Reads an OpenAI error envelope `{"error": {message, type, param, code}}` (or a bare string error). */
export function readOpenAIErrorBody(bodyText: string): UpstreamErrorFields {
  const parsed = safeParseJson(bodyText);
  const error = parsed.success && isJsonObject(parsed.value) ? parsed.value['error'] : undefined;
  if (isJsonObject(error)) {
    return {
      message: typeof error['message'] === 'string' ? error['message'] : bodyText.slice(0, 500),
      type: typeof error['type'] === 'string' ? error['type'] : null,
      param: typeof error['param'] === 'string' ? error['param'] : null,
      code: typeof error['code'] === 'string' ? error['code'] : null,
    };
  }
  if (typeof error === 'string') return { message: error, type: null, param: null, code: null };
  return { message: bodyText.slice(0, 500) || '(empty body)', type: null, param: null, code: null };
}

/** The upstream's `retry-after(-ms)` headers, passed on to the client. */
function retryHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of ['retry-after', 'retry-after-ms']) {
    const value = headers[name];
    if (typeof value === 'string') out[name] = value;
  }
  return out;
}

/**
 * Maps an upstream HTTP error to the error the client gets: 4xx caused by the request pass through
 * with the upstream's envelope; 401/403 mean the gateway's upstream key is wrong (502, and the upstream's
 * body is never relayed: it can quote the key); 429 keeps `retry-after`; 529 (overloaded) becomes 503
 * `overloaded`; other 5xx become 502 with a code that says the upstream failed and
 * `x-should-retry: true`, so the SDK retries as it would have against the upstream
 * (docs/protocol/errors.md#status-codes-and-retries). Every upstream text passes `redact`.
 */
export function mapUpstreamError(options: {
  provider: string;
  status: number;
  /** The upstream's error, already read by its codec. */
  fields: UpstreamErrorFields;
  headers: Record<string, string | string[] | undefined>;
  /** Masks the provider's credentials in upstream text (an upstream may echo the key it was sent). */
  redact?: Redact;
}): GatewayError {
  const { provider, status, headers, redact = (text: string) => text } = options;
  const fields = { ...options.fields, message: redact(options.fields.message) };
  if (PASS_THROUGH.has(status)) {
    return new GatewayError({
      code: status === 404 ? 'not_found' : 'invalid_request',
      status,
      message: `Upstream '${provider}' rejected the request: ${fields.message}`,
      param: fields.param,
      openaiCode: fields.code,
      type: fields.type ?? 'invalid_request_error',
    });
  }
  if (status === 401 || status === 403) {
    return new GatewayError({
      code: 'upstream_authentication_failed',
      message: `Upstream '${provider}' refused the gateway's credentials (HTTP ${status}). This is the gateway's configuration, not your request: the operator must check the key configured for provider '${provider}'.`,
    });
  }
  if (status === 429) {
    return new GatewayError({
      code: 'rate_limit_exceeded',
      message: fields.message,
      openaiCode: fields.code ?? 'rate_limit_exceeded',
      type: fields.type ?? 'rate_limit_error',
      headers: retryHeaders(headers),
    });
  }
  if (status === 529) {
    // Anthropic's "overloaded": a 503 to OpenAI clients, whose SDKs retry it (docs/protocol/anthropic.md §11).
    return new GatewayError({
      code: 'overloaded',
      message: `Upstream '${provider}' is overloaded (HTTP 529): ${fields.message} Retry later.`,
      headers: retryHeaders(headers),
    });
  }
  return new GatewayError({
    code: 'upstream_error',
    message: `Upstream '${provider}' failed with HTTP ${status}: ${fields.message}`,
    ...(status >= 500 ? { headers: { 'x-should-retry': 'true' } } : {}),
  });
}
