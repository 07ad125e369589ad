import { matchObserveRoute, type ObserveRouteName } from './match-observe-route.js';

/** The routes the gateway serves; `id` is the `{id}` path segment where there is one. */
export type RouteName =
  | ObserveRouteName
  | 'health'
  | 'models'
  | 'chat.completions'
  | 'responses.create'
  | 'responses.retrieve'
  | 'responses.delete'
  | 'responses.input_items';

const RESPONSE_PATH = /^\/v1\/responses\/([^/]+)(\/input_items)?$/;

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
  };
  const hit = Object.hasOwn(exact, path) ? exact[path] : undefined;
  if (hit)
    return hit[0] === method || (method === 'HEAD' && hit[0] === 'GET')
      ? { route: hit[1] }
      : { allowed: [hit[0]] };
  const match = RESPONSE_PATH.exec(path);
  if (!match) return null;
  const id = decodeURIComponent(match[1] ?? '');
  if (match[2]) return method === 'GET' ? { route: 'responses.input_items', id } : { allowed: ['GET'] };
  if (method === 'GET') return { route: 'responses.retrieve', id };
  if (method === 'DELETE') return { route: 'responses.delete', id };
  return { allowed: ['GET', 'DELETE'] };
}
