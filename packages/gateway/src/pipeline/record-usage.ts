import type { CanonicalStreamEvent, CanonicalUsage } from '@toolbridge/core';
import type { RequestContext } from '../http/request-context.js';

/** Copies token counts into the access-log fields. */
export function recordUsage(context: Pick<RequestContext, 'log'>, usage: CanonicalUsage | null): void {
  if (!usage) return;
  context.log.inputTokens = usage.inputTokens;
  context.log.outputTokens = usage.outputTokens;
  context.log.cachedTokens = usage.cachedTokens;
}

/**
 * Passes event batches through, recording the finish event's usage (or the error) for the access
 * log. `onUsage` (the key's limits and spend) is awaited before the batch with the finish event
 * moves on, so it is booked before the client sees the stream end.
 */
export async function* tapUsage(
  batches: AsyncIterable<CanonicalStreamEvent[]>,
  context: Pick<RequestContext, 'log'>,
  onUsage?: (usage: CanonicalUsage | null) => Promise<void>,
): AsyncIterable<CanonicalStreamEvent[]> {
  for await (const batch of batches) {
    for (const event of batch) {
      if (event.type === 'finish') {
        recordUsage(context, event.usage);
        await onUsage?.(event.usage);
      }
      if (event.type === 'error') context.log.errorCode = event.error.code ?? 'stream_error';
    }
    yield batch;
  }
}
