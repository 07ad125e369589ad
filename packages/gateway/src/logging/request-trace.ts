import type { Logger } from 'pino';

/**
 * What the pipeline reports about one request for the logs, without a new object per request: the
 * request's own context carries it (`RequestContext` satisfies this). `log` holds the access line's
 * fields; `debugLogger` is the gateway's logger when debug lines are on, else null.
 */
export interface RequestTrace {
  requestId: string;
  log?: { upstreamRetries?: number };
  debugLogger?: Logger | null;
}

/** One upstream attempt that failed and will be tried again. */
export interface UpstreamRetry {
  provider: string;
  /** 1 for the first retry. */
  attempt: number;
  delayMs: number;
  /** Why the attempt failed: an HTTP status and the upstream's error code, or a network error code. */
  reason: string;
}

/**
 * Counts a retry for the access line (so a request that failed after retries says how many) and, at
 * debug level, says why and how long it waits (docs/configuration.md#logs).
 */
export function traceRetry(trace: RequestTrace | undefined, retry: UpstreamRetry): void {
  if (trace === undefined) return;
  if (trace.log !== undefined) trace.log.upstreamRetries = (trace.log.upstreamRetries ?? 0) + 1;
  trace.debugLogger?.debug({ requestId: trace.requestId, ...retry }, 'retrying the upstream');
}

/**
 * A debug line about a decision the gateway made for this request (routing, an emulation, a repair).
 * Callers pass names and counts only: never a body, an argument value or a key.
 */
export function traceDebug(
  trace: RequestTrace | undefined,
  fields: Record<string, unknown>,
  message: string,
): void {
  const logger = trace?.debugLogger;
  if (logger == null) return;
  logger.debug({ requestId: trace?.requestId, ...fields }, message);
}
