import type { GatewayConfig } from '../config/gateway-config.js';
import type { RequestContext } from './request-context.js';

/**
 * Request headers allowed when a preflight does not list its own (an allowed origin's preflight gets
 * back exactly what it asked for: the origin is trusted, and the SDKs add new `x-stainless-*` headers).
 */
const ALLOWED_HEADERS =
  'authorization, content-type, x-request-id, openai-organization, openai-project, openai-beta, ' +
  'x-stainless-arch, x-stainless-lang, x-stainless-os, x-stainless-package-version, ' +
  'x-stainless-retry-count, x-stainless-runtime, x-stainless-runtime-version, x-stainless-timeout';
/** Response headers a browser script may read. */
const EXPOSED_HEADERS = 'x-request-id, x-should-retry, x-toolbridge-adjusted, retry-after, retry-after-ms';

/** Origins allowed to call the gateway from a browser (exact `scheme://host[:port]`); empty → no CORS. */
export function corsOriginsOf(config: GatewayConfig): ReadonlySet<string> {
  return new Set((config.cors?.origins ?? []).map((origin) => origin.replace(/\/+$/, '').toLowerCase()));
}

/**
 * CORS for the configured origins only (docs/configuration.md#browsers): answers their preflight
 * (`OPTIONS` with `Access-Control-Request-Method`) with 204 and returns true, and marks their other
 * requests' answers as readable by that origin. Any other origin gets no CORS header at all, so the
 * browser keeps the answer from the page. Without configured origins it does nothing.
 */
export function applyCors(context: RequestContext, origins: ReadonlySet<string>): boolean {
  if (origins.size === 0) return false;
  const { request, response } = context;
  const origin = request.headers.origin;
  response.setHeader('vary', 'origin');
  if (typeof origin !== 'string' || !origins.has(origin.toLowerCase())) return false;
  response.setHeader('access-control-allow-origin', origin);
  if (request.method === 'OPTIONS' && request.headers['access-control-request-method'] !== undefined) {
    context.log.route = 'cors.preflight';
    response.writeHead(204, {
      'access-control-allow-methods': 'GET, POST, DELETE, OPTIONS',
      'access-control-allow-headers': request.headers['access-control-request-headers'] ?? ALLOWED_HEADERS,
      'access-control-max-age': '600',
      'x-request-id': context.requestId,
    });
    response.end();
    return true;
  }
  response.setHeader('access-control-expose-headers', EXPOSED_HEADERS);
  return false;
}
