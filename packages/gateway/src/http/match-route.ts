import { GatewayError } from '../errors/gateway-error.js';
import { matchObserveRoute, type ObserveRouteName } from './match-observe-route.js';

/** The routes the gateway serves; `id` is the `{id}` path segment where there is one. */
export type RouteName =
  | ObserveRouteName
  | 'health'
  | 'models'
  | 'chat.completions'
  | 'responses.create'
  | 'responses.compact'
  | 'responses.retrieve'
  | 'responses.delete'
  | 'responses.input_items'
  | 'admin.keys.list'
  | 'admin.keys.create'
  | 'admin.keys.get'
  | 'admin.keys.revoke';

const RESPONSE_PATH = /^\/v1\/responses\/([^/]+)(\/input_items)?$/;
const ADMIN_KEY_PATH = /^\/admin\/keys\/([^/]+)$/;

/**
 * Matches method + path. Returns the route, or `{ allowed }` listing the methods the path does
 * accept (→ 405), or null (→ 404).
 */
export function matchRoute(
  method: string,
  path: string,
): { route: RouteName; id?: string } | { allowed: string[] } | null {
  const observed = matchObserveRoute(method, path);
  if (observed !== undefined) return observed;
  const exact: Record<string, [string, RouteName]> = {
    '/health': ['GET', 'health'],
    '/v1/models': ['GET', 'models'],
    '/v1/chat/completions': ['POST', 'chat.completions'],
    '/v1/responses': ['POST', 'responses.create'],
    '/v1/responses/compact': ['POST', 'responses.compact'],
  };
  if (path === '/admin/keys') {
    if (method === 'GET' || method === 'HEAD') return { route: 'admin.keys.list' };
    return method === 'POST' ? { route: 'admin.keys.create' } : { allowed: ['GET', 'POST'] };
  }
  const adminKey = ADMIN_KEY_PATH.exec(path);
  if (adminKey) {
    const id = decodeURIComponent(adminKey[1] ?? '');
    if (method === 'GET') return { route: 'admin.keys.get', id };
    return method === 'DELETE' ? { route: 'admin.keys.revoke', id } : { allowed: ['GET', 'DELETE'] };
  }
  const hit = Object.hasOwn(exact, path) ? exact[path] : undefined;
  if (hit)
    return hit[0] === method || (method === 'HEAD' && hit[0] === 'GET')
      ? { route: hit[1] }
      : { allowed: [hit[0]] };
  const match = RESPONSE_PATH.exec(path);
  if (!match) return null;
  const id = decodePathId(match[1] ?? '');
  if (match[2]) return method === 'GET' ? { route: 'responses.input_items', id } : { allowed: ['GET'] };
  if (method === 'GET') return { route: 'responses.retrieve', id };
  if (method === 'DELETE') return { route: 'responses.delete', id };
  return { allowed: ['GET', 'DELETE'] };
}

/**
 * The `{id}` segment decoded. A client's broken percent-escape (`%E0%A4%A`, a lone `%`) is its mistake:
 * 400 in the OpenAI envelope, never the URIError's 500 (docs/protocol/errors.md#gateway-errors).
 */
function decodePathId(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch (error) {
    throw new GatewayError({
      code: 'invalid_request',
      message: `Invalid 'response_id': the path segment '${segment}' is not valid percent-encoded UTF-8. Send the id as it was returned (ids only hold letters, digits, '_' and '-').`,
      param: 'response_id',
      openaiCode: 'invalid_value',
      cause: error,
    });
  }
}
