import type { ObservedRequest } from '../observe/gateway-observer.js';
import type { RepairFact, UpstreamAttemptFact } from '../observe/request-log.js';
import type { AttemptReport } from '../upstream/upstream-client.js';
import type { TurnContext, UpstreamTarget } from './upstream-target.js';

type ObservedTurn = TurnContext & ObservedRequest & { observer: NonNullable<TurnContext['observer']> };

function isObserved(context: TurnContext): context is ObservedTurn {
  return context.log !== undefined && context.observer !== undefined && context.startedAt !== undefined;
}

/**
 * The callback the upstream client calls after each attempt: the attempt joins the request's facts
 * and goes to the observer (docs/observability.md). Undefined when nobody observes (unit tests).
 */
export function attemptReporter(
  context: TurnContext,
  target: UpstreamTarget,
  reask: boolean,
): ((report: AttemptReport) => void) | undefined {
  if (!isObserved(context)) return undefined;
  return (report) => {
    // Every field written out: `{ ...report, provider, … }` made each request's fact survive into the
    // old generation on Node 20, a third of S1's promoted bytes (docs/adr/0014-memory-under-load.md).
    const fact: UpstreamAttemptFact = {
      attempt: report.attempt,
      provider: target.provider.name,
      upstreamModel: target.upstreamModel,
      startedAt: report.startedAt,
      durationMs: report.durationMs,
      ttfbMs: report.ttfbMs,
      status: report.status,
      outcome: report.outcome,
      reason: report.reason,
      reask,
    };
    const { log } = context;
    if (log.attempts === undefined) log.attempts = [fact];
    else log.attempts.push(fact);
    if (log.ttfbMs === undefined && report.ttfbMs !== null)
      log.ttfbMs = report.startedAt + report.ttfbMs - context.startedAt;
    context.observer.onUpstreamAttempt(context, fact);
  };
}

/** Records a repaired (or unrepairable) call for the viewer and reports it to the observer. */
export function reportRepair(context: TurnContext, fact: RepairFact): void {
  if (!isObserved(context)) return;
  const { log } = context;
  if (log.repairs === undefined) log.repairs = [fact];
  else log.repairs.push(fact);
  context.observer.onRepair(context, fact);
}
