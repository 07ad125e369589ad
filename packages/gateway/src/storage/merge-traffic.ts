import { StoreError } from './store-error.js';
import { decodeTrace } from './trace-columns.js';
import type { ListTrafficOptions, TrafficEntry, TrafficPage } from './traffic-store.js';

/** A traffic row as both backends select it: the trace still as JSON text. */
export interface TrafficRow extends Omit<TrafficEntry, 'adjustments' | 'repairs' | 'createdAt'> {
  createdAt: number | string;
  traceJson: string | null;
}

/**
 * Counts adjustments and repairs in JavaScript, not SQL: PostgreSQL's `->` on a json column de-escapes
 * the whole document and fails on the `\u0000` a model's arguments may hold (the repairs keep them).
 */
export function toTrafficEntry(row: TrafficRow): TrafficEntry {
  const { traceJson, ...entry } = row;
  const trace = decodeTrace({
    provider: row.provider,
    costUsd: row.costUsd,
    latencyMs: row.latencyMs,
    traceJson,
  });
  return {
    ...entry,
    createdAt: Number(row.createdAt),
    costUsd: trace.costUsd,
    latencyMs: trace.latencyMs,
    adjustments: trace.adjustments.length,
    repairs: trace.repairs.length,
  };
}

/** Bounds of a traffic page. */
export const trafficLimits = { defaultLimit: 50, maxLimit: 200 } as const;

/** The limit asked for, checked (every backend the same way). */
export function trafficLimit(options: ListTrafficOptions): number {
  const { limit = trafficLimits.defaultLimit } = options;
  if (!Number.isInteger(limit) || limit < 1 || limit > trafficLimits.maxLimit) {
    throw new StoreError({
      code: 'invalid_argument',
      message: `limit must be an integer from 1 to ${trafficLimits.maxLimit}, got ${String(limit)}.`,
      param: 'limit',
    });
  }
  return limit;
}

function newerFirst(left: TrafficEntry, right: TrafficEntry): number {
  if (left.createdAt !== right.createdAt) return right.createdAt - left.createdAt;
  return left.id < right.id ? 1 : left.id > right.id ? -1 : 0;
}

/**
 * Merges the newest-first pages of both tables (each fetched with `limit + 1` rows from its own index)
 * into one page: two indexed range scans instead of a sorted UNION over everything stored.
 */
export function mergeTraffic(lists: ReadonlyArray<readonly TrafficEntry[]>, limit: number): TrafficPage {
  const all = lists.flat().sort(newerFirst);
  return { data: all.slice(0, limit), hasMore: all.length > limit };
}
