import type { ChatConversation, ResponseConversation, TrafficPage } from './types.js';

/** Reads one of the gateway's viewer routes (same origin; the browser sends the admin credentials). */
async function getJson<T>(path: string): Promise<T> {
  const response = await fetch(path, { headers: { accept: 'application/json' } });
  const body: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    const message =
      typeof body === 'object' && body !== null && 'error' in body
        ? String((body as { error: { message?: unknown } }).error.message)
        : `HTTP ${response.status}`;
    throw new Error(message);
  }
  return body as T;
}

/** The filters of the traffic list. */
export interface TrafficFilters {
  kind: string;
  model: string;
  provider: string;
  status: string;
}

export function fetchTraffic(
  filters: TrafficFilters,
  before: string | null,
  limit = 50,
): Promise<TrafficPage> {
  const query = new URLSearchParams({ limit: String(limit) });
  for (const [name, value] of Object.entries(filters)) if (value !== '') query.set(name, value);
  if (before !== null) query.set('before', before);
  return getJson(`/ui/api/traffic?${query}`);
}

export function fetchResponseConversation(id: string, project: string): Promise<ResponseConversation> {
  return getJson(`/ui/api/responses/${encodeURIComponent(id)}?${new URLSearchParams({ project })}`);
}

export function fetchChatConversation(id: string, project: string): Promise<ChatConversation> {
  return getJson(`/ui/api/chat-completions/${encodeURIComponent(id)}?${new URLSearchParams({ project })}`);
}
