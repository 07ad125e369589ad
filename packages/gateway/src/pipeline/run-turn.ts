import type { CanonicalResponse, CanonicalStreamEvent } from '@toolbridge/core';
import { settleUsage } from '../access/settle-usage.js';
import type { RequestContext } from '../http/request-context.js';
import { traceDebug } from '../logging/request-trace.js';
import type { GatewayDeps } from '../routes/gateway-deps.js';
import { callUpstreamTurn } from './call-upstream-turn.js';
import { enforceResponse } from './enforce-response.js';
import { enforceStream } from './enforce-stream.js';
import { firstEventError } from './first-event-error.js';
import { openUpstreamStream } from './open-upstream-stream.js';
import { peekStream } from './peek-stream.js';
import { enforceOptionsFor, type PreparedTurn } from './prepare-turn.js';
import { recordUsage, tapUsage } from './record-usage.js';
import type { UpstreamTarget } from './upstream-target.js';

/**
 * What running a turn needs of its caller: the HTTP request's context, or a WebSocket turn's
 * (docs/open-responses.md#websocket-mode): id, cancellation, and the access-log fields.
 */
export type RunContext = Pick<
  RequestContext,
  'requestId' | 'signal' | 'log' | 'client' | 'debugLogger' | 'startedAt' | 'observer'
>;

/** A streamed turn whose first events are in: nothing failed before the client would see a byte. */
export interface StartedStream {
  /** The upstream's `response-start`, when it sent one first. */
  start: Extract<CanonicalStreamEvent, { type: 'response-start' }> | null;
  /** The enforced events in batches, the first batch included. */
  events: AsyncIterable<CanonicalStreamEvent[]>;
}

/**
 * Where a turn starts, for both runners: the routing facts go into the request's log, and the debug
 * line says which upstream and model, and what the plan changed.
 */
function startTurn(context: RunContext, target: UpstreamTarget, turn: PreparedTurn, stream: boolean): void {
  context.log.upstreamModel = target.upstreamModel;
  context.log.adjusted = turn.adjustments;
  traceDebug(
    context,
    {
      model: context.log.model,
      provider: target.provider.name,
      upstreamModel: target.upstreamModel,
      upstreamApi: target.provider.api,
      stream,
      tools: turn.upstream.tools.length,
      adjustments: turn.adjustments,
    },
    'routed',
  );
}

/**
 * Runs one prepared turn as a single answer: upstream call (retried inside the upstream client),
 * enforcement by the call policy, usage recorded for the log. Both routes answer JSON through here;
 * they differ only in how they encode the result.
 */
export async function runJsonTurn(
  context: RunContext,
  deps: GatewayDeps,
  target: UpstreamTarget,
  turn: PreparedTurn,
): Promise<CanonicalResponse> {
  startTurn(context, target, turn, false);
  const { response, adjustments, retries } = await callUpstreamTurn(target, turn.upstream, context);
  context.log.upstreamRetries = retries;
  turn.adjustments.push(...adjustments);
  const enforced = await enforceResponse(
    response,
    enforceOptionsFor(target, turn, deps.config.enforcement, context),
  );
  recordUsage(context, enforced.usage, deps.config.prices);
  await settleUsage(context, deps, enforced.usage);
  return enforced;
}

/**
 * Runs one prepared turn as a stream: the same call policy as {@link runJsonTurn}, applied event by
 * event. Resolves once the first enforced events are in; a turn that fails before them rejects, so
 * the client gets an HTTP error instead of a stream. Both routes stream through here.
 */
export async function runStreamTurn(
  context: RunContext,
  deps: GatewayDeps,
  target: UpstreamTarget,
  turn: PreparedTurn,
): Promise<StartedStream> {
  startTurn(context, target, turn, true);
  const opened = await openUpstreamStream(target, turn.upstream, context);
  turn.adjustments.push(...opened.adjustments);
  const enforced = enforceStream(
    opened.events,
    enforceOptionsFor(target, turn, deps.config.enforcement, context),
  );
  const tapped = tapUsage(enforced, context, deps.config.prices, (usage) =>
    settleUsage(context, deps, usage),
  );
  const { first: firstBatch, all } = await peekStream(tapped);
  const first = firstBatch?.[0];
  if (first?.type === 'error') throw firstEventError(first);
  return { start: first?.type === 'response-start' ? first : null, events: all };
}
