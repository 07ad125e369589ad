import type { CanonicalResponse, CanonicalStreamEvent } from '@toolbridge/core';
import type { RequestContext } from '../http/request-context.js';
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

/** A streamed turn whose first events are in: nothing failed before the client would see a byte. */
export interface StartedStream {
  /** The upstream's `response-start`, when it sent one first. */
  start: Extract<CanonicalStreamEvent, { type: 'response-start' }> | null;
  /** The enforced events in batches, the first batch included. */
  events: AsyncIterable<CanonicalStreamEvent[]>;
}

/**
 * Runs one prepared turn as a single answer: upstream call (retried inside the upstream client),
 * enforcement by the call policy, usage recorded for the log. Both routes answer JSON through here;
 * they differ only in how they encode the result.
 */
export async function runJsonTurn(
  context: RequestContext,
  deps: GatewayDeps,
  target: UpstreamTarget,
  turn: PreparedTurn,
): Promise<CanonicalResponse> {
  context.log.upstreamModel = target.upstreamModel;
  context.log.adjusted = turn.adjustments;
  const { response, adjustments, retries } = await callUpstreamTurn(target, turn.upstream, context);
  context.log.upstreamRetries = retries;
  turn.adjustments.push(...adjustments);
  const enforced = await enforceResponse(
    response,
    enforceOptionsFor(target, turn, deps.config.enforcement, context),
  );
  recordUsage(context, enforced.usage, deps.config.prices);
  return enforced;
}

/**
 * Runs one prepared turn as a stream: the same call policy as {@link runJsonTurn}, applied event by
 * event. Resolves once the first enforced events are in; a turn that fails before them rejects, so
 * the client gets an HTTP error instead of a stream. Both routes stream through here.
 */
export async function runStreamTurn(
  context: RequestContext,
  deps: GatewayDeps,
  target: UpstreamTarget,
  turn: PreparedTurn,
): Promise<StartedStream> {
  context.log.upstreamModel = target.upstreamModel;
  context.log.adjusted = turn.adjustments;
  const opened = await openUpstreamStream(target, turn.upstream, context);
  context.log.upstreamRetries = opened.retries;
  turn.adjustments.push(...opened.adjustments);
  const enforced = enforceStream(
    opened.events,
    enforceOptionsFor(target, turn, deps.config.enforcement, context),
  );
  const { first: firstBatch, all } = await peekStream(tapUsage(enforced, context, deps.config.prices));
  const first = firstBatch?.[0];
  if (first?.type === 'error') throw firstEventError(first);
  return { start: first?.type === 'response-start' ? first : null, events: all };
}
