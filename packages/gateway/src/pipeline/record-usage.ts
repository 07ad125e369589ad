import {
  type CanonicalStreamEvent,
  type CanonicalUsage,
  computeCost,
  type PriceTable,
} from '@toolbridge/core';
import type { RequestContext } from '../http/request-context.js';

/**
 * Copies token counts into the request's facts and prices them (docs/configuration.md#prices): by the
 * model the client asked for, else by the upstream model it was routed to. A model without a price
 * gets `costUsd: null` (unknown), never 0.
 */
export function recordUsage(
  context: Pick<RequestContext, 'log'>,
  usage: CanonicalUsage | null,
  prices: PriceTable,
): void {
  if (!usage) return;
  const { log } = context;
  log.inputTokens = usage.inputTokens;
  log.outputTokens = usage.outputTokens;
  log.cachedTokens = usage.cachedTokens;
  const cost =
    (log.model !== undefined ? computeCost(usage, log.model, prices) : null) ??
    (log.upstreamModel !== undefined ? computeCost(usage, log.upstreamModel, prices) : null);
  log.costUsd = cost === null ? null : cost.total;
}

/**
 * Passes event batches through, recording the finish event's usage (or the error) for the access
 * log. `onUsage` (the key's limits and spend) is awaited before the batch with the finish event
 * moves on, so it is booked before the client sees the stream end.
 */
export async function* tapUsage(
  batches: AsyncIterable<CanonicalStreamEvent[]>,
  context: Pick<RequestContext, 'log'>,
  prices: PriceTable,
  onUsage?: (usage: CanonicalUsage | null) => Promise<void>,
): AsyncIterable<CanonicalStreamEvent[]> {
  for await (const batch of batches) {
    for (const event of batch) {
      if (event.type === 'finish') {
        recordUsage(context, event.usage, prices);
        await onUsage?.(event.usage);
      }
      if (event.type === 'error') context.log.errorCode = event.error.code ?? 'stream_error';
    }
    yield batch;
  }
}
