// The one place the client's unit tests reach a server (the scripted upstream, a test double of a
// provider), so the backend can change without touching them: tests only see `startBackend()`.
import { startScriptedUpstream } from '@toolbridge/scripted-upstream';

/** A request the backend received, for assertions on what the client sent. */
export interface BackendRequest {
  method: string;
  path: string;
  body: unknown;
}

/** A running OpenAI-compatible backend for tests; always `close()` it. */
export interface Backend {
  /** Base URL for the `openai` SDK, ending in `/v1`. */
  baseURL: string;
  /** Requests received so far, oldest first (a live view). */
  requests: readonly BackendRequest[];
  close(): Promise<void>;
}

/** Starts the backend on a free port. */
export async function startBackend(): Promise<Backend> {
  const upstream = await startScriptedUpstream({ port: 0 });
  return { baseURL: upstream.url, requests: upstream.requests, close: () => upstream.close() };
}
