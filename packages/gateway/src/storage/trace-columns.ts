import { safeParseJson, withFields } from '@toolbridge/core';
import { emptyTrace, type StoredRepair, type StoredTrace } from './stored-trace.js';

/** The viewer's columns of one stored turn, as both backends write them. */
export interface TraceColumns {
  model: string | null;
  status: string | null;
  provider: string | null;
  inputTokens: number | null;
  outputTokens: number | null;
  cachedTokens: number | null;
  costUsd: number | null;
  latencyMs: number | null;
  /** Adjustments, repairs and the rest of {@link StoredTrace} that no query filters on. */
  traceJson: string;
}

/** The facts of the stored object itself that the list shows. */
export interface TurnSummary {
  model: string | null;
  status: string | null;
  inputTokens: number | null;
  outputTokens: number | null;
  cachedTokens: number | null;
}

function finiteOrNull(value: number | null): number | null {
  return value !== null && Number.isFinite(value) ? value : null;
}

/** Splits a trace into indexed columns and one JSON document. */
export function encodeTraceColumns(trace: StoredTrace | undefined, summary: TurnSummary): TraceColumns {
  const { provider, latencyMs, costUsd, upstreamModel, ttfbMs, adjustments, repairs, upstreamAttempts } =
    trace ?? emptyTrace;
  return withFields(summary, {
    provider,
    costUsd: finiteOrNull(costUsd),
    latencyMs: finiteOrNull(latencyMs),
    traceJson: JSON.stringify({ upstreamModel, ttfbMs, adjustments, repairs, upstreamAttempts }),
  });
}

/** The parts of a row {@link decodeTrace} reads. */
export interface TraceRow {
  provider: string | null;
  costUsd: number | null;
  latencyMs: number | null;
  traceJson: string | null;
}

function stringOrNull(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}

function numberOrNull(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

/** Reads the trace back; rows from before the columns existed, or damaged JSON, give an empty trace. */
export function decodeTrace(row: TraceRow): StoredTrace {
  const parsed = row.traceJson === null ? null : safeParseJson(row.traceJson);
  const json: Record<string, unknown> =
    parsed?.success &&
    typeof parsed.value === 'object' &&
    parsed.value !== null &&
    !Array.isArray(parsed.value)
      ? (parsed.value as Record<string, unknown>)
      : {};
  const adjustments = Array.isArray(json['adjustments'])
    ? json['adjustments'].filter((note): note is string => typeof note === 'string')
    : [];
  const repairs = Array.isArray(json['repairs']) ? (json['repairs'] as StoredRepair[]) : [];
  return {
    provider: row.provider,
    upstreamModel: stringOrNull(json['upstreamModel']),
    latencyMs: numberOrNull(row.latencyMs === null ? null : Number(row.latencyMs)),
    ttfbMs: numberOrNull(json['ttfbMs']),
    costUsd: numberOrNull(row.costUsd === null ? null : Number(row.costUsd)),
    adjustments,
    repairs,
    upstreamAttempts: numberOrNull(json['upstreamAttempts']) ?? 0,
  };
}
