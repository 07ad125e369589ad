/**
 * The trace viewer's read side (docs/observability.md#trace-viewer): recent stored responses and chat
 * completions in one list, newest first, paged by a cursor and served from indexed columns, so a page
 * never reads the stored JSON documents.
 */

import type { StoredTrace } from './stored-trace.js';

/** One row of the traffic list. */
export interface TrafficEntry {
  kind: 'response' | 'chat.completion';
  id: string;
  /** The project that owns it (the viewer is the operator's: it lists every project). */
  projectId: string;
  createdAt: number;
  model: string | null;
  provider: string | null;
  /** `completed`, `incomplete`, `failed` (responses) or the finish reason (chat completions). */
  status: string | null;
  inputTokens: number | null;
  outputTokens: number | null;
  cachedTokens: number | null;
  costUsd: number | null;
  latencyMs: number | null;
  /** Responses only: the turn before this one. */
  previousResponseId: string | null;
  adjustments: number;
  repairs: number;
}

/** Query of the traffic list. */
export interface ListTrafficOptions {
  /** One project only; absent: every project. */
  projectId?: string;
  kind?: TrafficEntry['kind'];
  model?: string;
  provider?: string;
  status?: string;
  /** Entries strictly older than this one, in (createdAt, id) order. */
  before?: { createdAt: number; id: string };
  /** 1–200, default 50. */
  limit?: number;
}

/** One page, newest first. */
export interface TrafficPage {
  data: TrafficEntry[];
  hasMore: boolean;
}

/** Lists both kinds of stored turns for the viewer. */
export interface TrafficStore {
  listTraffic(options?: ListTrafficOptions): Promise<TrafficPage>;
  /**
   * The viewer's metadata of these stored responses (a chain's turns), in one query. Kept out of
   * `get`/`loadChain` so serving requests never decodes it.
   */
  responseTraces(ids: readonly string[]): Promise<Map<string, StoredTrace>>;
}
