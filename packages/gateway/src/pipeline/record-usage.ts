import type { CanonicalStreamEvent, CanonicalUsage } from '@toolbridge/core';
import type { RequestContext } from '../http/request-context.js';

/** Copies token counts into the access-log fields. */
export function recordUsage(context: Pick<RequestContext, 'log'>, usage: CanonicalUsage | null): void {
  if (!usage) return;
  context.log.inputTokens = usage.inputTokens;
  context.log.outputTokens = usage.outputTokens;
  context.log.cachedTokens = usage.cachedTokens;
}

/** Passes event batches through, recording the finish event's usage (or the error) for the access log. */
export async function* tapUsage(
  batches: AsyncIterable<CanonicalStreamEvent[]>,
  context: Pick<RequestContext, 'log'>,
): AsyncIterable<CanonicalStreamEvent[]> {
  for await (const batch of batches) {
    for (const event of batch) {
      if (event.type === 'finish') recordUsage(context, event.usage);
      if (event.type === 'error') context.log.errorCode = event.error.code ?? 'stream_error';
    }
    yield batch;
  }
}
