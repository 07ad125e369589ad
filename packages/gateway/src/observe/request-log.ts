import type { StoredRepair } from '../storage/stored-trace.js';

/**
 * The facts one request collects as it runs. The access log, the metrics, the traces and the trace
 * viewer's stored metadata all read these same fields (docs/observability.md), so they never disagree.
 */

/** One attempt at the upstream (a retry is another attempt). */
export interface UpstreamAttemptFact {
  /** 0 for the first try, 1 for the first retry, … */
  attempt: number;
  provider: string;
  upstreamModel: string;
  /** `performance.now()` when the attempt started. */
  startedAt: number;
  durationMs: number;
  /** From the start of the attempt to the upstream's response headers; null when none arrived. */
  ttfbMs: number | null;
  /** HTTP status of the upstream's answer; 0 when the connection failed first. */
  status: number;
  outcome: 'ok' | 'retried' | 'failed';
  /** Bounded reason of a failure (`rate_limited`, `server_error`, `network`, `timeout`, `stream_error`, `client_error`). */
  reason: string | null;
  /** True for the gateway's own re-asks (repairs, a required call asked for again). */
  reask: boolean;
}

/**
 * One call the gateway repaired by re-asking the upstream (ADR 0004): what the viewer stores about it
 * (`StoredRepair`), plus when the repair started and how long it took.
 */
export interface RepairFact extends StoredRepair {
  startedAt: number;
  durationMs: number;
}

/** Per-request facts, filled by the router, the routes and the pipeline. */
export interface RequestLog {
  route?: string;
  provider?: string;
  model?: string;
  /** The model name the upstream was asked for, after routing. */
  upstreamModel?: string;
  inputTokens?: number;
  outputTokens?: number;
  cachedTokens?: number;
  /** USD from the price table; null when the model has no price (tokens are still counted). */
  costUsd?: number | null;
  adjusted?: string[];
  errorCode?: string;
  upstreamRetries?: number;
  /** Milliseconds from the request's start to the first upstream response headers. */
  ttfbMs?: number;
  /** Every upstream attempt, re-asks included, in order. */
  attempts?: UpstreamAttemptFact[];
  repairs?: RepairFact[];
}
