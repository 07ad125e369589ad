import type { RequestContext } from '../http/request-context.js';
import type { StoredTrace } from '../storage/stored-trace.js';

/**
 * The viewer's metadata of this request, from the same facts the access log and the metrics read
 * (docs/observability.md#stored-metadata). Taken just before the store write, so the latency is the
 * time until the answer was ready to send.
 */
export function traceOf(context: Pick<RequestContext, 'log' | 'startedAt'>): StoredTrace {
  const { log } = context;
  return {
    provider: log.provider ?? null,
    upstreamModel: log.upstreamModel ?? null,
    latencyMs: Math.round((performance.now() - context.startedAt) * 10) / 10,
    ttfbMs: log.ttfbMs === undefined ? null : Math.round(log.ttfbMs * 10) / 10,
    costUsd: log.costUsd ?? null,
    adjustments: log.adjusted === undefined ? [] : [...log.adjusted],
    repairs: (log.repairs ?? []).map((repair) => ({
      toolName: repair.toolName,
      callId: repair.callId,
      repairedCallId: repair.repairedCallId,
      originalArguments: repair.originalArguments,
      repairedArguments: repair.repairedArguments,
      reason: repair.reason,
      outcome: repair.outcome,
    })),
    upstreamAttempts: log.attempts?.length ?? 0,
  };
}
