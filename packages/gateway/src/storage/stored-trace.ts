/**
 * What the trace viewer needs next to a stored response or chat completion and cannot read from the
 * object itself: who answered, how long it took, what it cost, what the gateway changed and the calls it
 * repaired (docs/observability.md#stored-metadata). Kept in columns beside the object, never in it, so
 * `GET /v1/responses/{id}` still returns exactly what the client got.
 */
export interface StoredRepair {
  toolName: string;
  /** The rejected call's id. */
  callId: string;
  /** The id of the call that replaced it, the one the client saw; null when the repair failed. */
  repairedCallId: string | null;
  /** The arguments the model first sent; the client never saw them. */
  originalArguments: string;
  repairedArguments: string | null;
  reason: string;
  outcome: 'repaired' | 'failed';
}

/** The metadata columns of one stored turn. */
export interface StoredTrace {
  /** Configured provider name; null when unknown (rows stored before these columns existed). */
  provider: string | null;
  upstreamModel: string | null;
  /** From the request's arrival until the answer was ready to send. */
  latencyMs: number | null;
  /** From the request's arrival to the first upstream response headers. */
  ttfbMs: number | null;
  /** USD; null when the model has no price (or the usage is unknown). */
  costUsd: number | null;
  /** The `x-toolbridge-adjusted` notes. */
  adjustments: string[];
  repairs: StoredRepair[];
  /** Upstream attempts including retries and re-asks. */
  upstreamAttempts: number;
}

/** A trace with nothing known (old rows, tests that do not care). */
export const emptyTrace: StoredTrace = {
  provider: null,
  upstreamModel: null,
  latencyMs: null,
  ttfbMs: null,
  costUsd: null,
  adjustments: [],
  repairs: [],
  upstreamAttempts: 0,
};
