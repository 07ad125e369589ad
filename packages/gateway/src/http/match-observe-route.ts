/**
 * Routes of the observability surfaces and of stored Chat Completions (docs/observability.md,
 * docs/protocol/chat-completions.md#stored-completions). Kept apart from `match-route.ts` so that table
 * stays small; `matchRoute` asks here first.
 */
export type ObserveRouteName =
  | 'ready'
  | 'metrics'
  | 'ui'
  | 'ui.traffic'
  | 'ui.response'
  | 'ui.chat_completion'
  | 'chat.completions.list'
  | 'chat.completions.retrieve'
  | 'chat.completions.update'
  | 'chat.completions.delete'
  | 'chat.completions.messages';

type Match = { route: ObserveRouteName; id?: string } | { allowed: string[] } | null;

const STORED_CHAT = /^\/v1\/chat\/completions\/([^/]+)(\/messages)?$/;
const UI_DATA = /^\/ui\/api\/(responses|chat-completions)\/([^/]+)$/;

/** A path segment decoded; a malformed escape stays as sent (then it simply names nothing stored). */
function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

function isGet(method: string): boolean {
  return method === 'GET' || method === 'HEAD';
}

function get(method: string, route: ObserveRouteName, id?: string): Match {
  if (!isGet(method)) return { allowed: ['GET'] };
  return id === undefined ? { route } : { route, id };
}

function matchStoredChat(method: string, path: string): Match {
  if (path === '/v1/chat/completions') {
    if (isGet(method)) return { route: 'chat.completions.list' };
    return method === 'POST' ? null : { allowed: ['POST', 'GET'] };
  }
  const stored = STORED_CHAT.exec(path);
  if (stored === null) return null;
  const id = decodeSegment(stored[1] ?? '');
  if (stored[2]) return get(method, 'chat.completions.messages', id);
  if (isGet(method)) return { route: 'chat.completions.retrieve', id };
  if (method === 'POST') return { route: 'chat.completions.update', id };
  if (method === 'DELETE') return { route: 'chat.completions.delete', id };
  return { allowed: ['GET', 'POST', 'DELETE'] };
}

function matchUi(method: string, path: string): Match {
  if (path === '/ui/api/traffic') return get(method, 'ui.traffic');
  const data = UI_DATA.exec(path);
  if (data !== null) {
    const id = decodeSegment(data[2] ?? '');
    return get(method, data[1] === 'responses' ? 'ui.response' : 'ui.chat_completion', id);
  }
  if (path.startsWith('/ui/api/')) return null;
  return get(method, 'ui', path === '/ui' ? '' : path.slice('/ui/'.length));
}

/**
 * Matches this module's paths; null when the path is not one of them (the main table decides then).
 * `POST /v1/chat/completions` is left to the main table.
 */
export function matchObserveRoute(method: string, path: string): Match | undefined {
  if (path === '/ready') return get(method, 'ready');
  if (path === '/metrics') return get(method, 'metrics');
  if (path === '/ui' || path.startsWith('/ui/')) return matchUi(method, path);
  if (path.startsWith('/v1/chat/completions')) return matchStoredChat(method, path) ?? undefined;
  return undefined;
}
