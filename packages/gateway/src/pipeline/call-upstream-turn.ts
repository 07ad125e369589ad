import type { CanonicalRequest, CanonicalResponse } from '@toolbridge/core';
import { attemptReporter } from './report-to-observer.js';
import type { TurnContext, UpstreamTarget } from './upstream-target.js';
import { withRefusalFallback } from './with-refusal-fallback.js';

/**
 * One non-streaming upstream turn: encode, send and decode. The upstream client's one retry loop
 * covers failed attempts and answers the codec rejects as `retryable` (a model that failed to produce
 * a call). `kind` tells the observer whether this is the client's turn or one of the gateway's re-asks.
 */
export function callUpstreamTurn(
  target: UpstreamTarget,
  request: CanonicalRequest,
  context: TurnContext,
  kind: 'turn' | 'reask' = 'turn',
): Promise<{ response: CanonicalResponse; adjustments: string[]; retries: number }> {
  return withRefusalFallback(target, async () => {
    const { path, body, adjustments } = target.codec.encodeRequest(request, {
      model: target.upstreamModel,
      stream: false,
    });
    const { value: response, retries } = await target.client.sendForText(
      {
        path,
        body,
        stream: false,
        signal: context.signal,
        requestId: context.requestId,
        trace: context,
        onAttempt: attemptReporter(context, target, kind === 'reask'),
      },
      (text) => target.codec.decodeResponse(text, { model: target.upstreamModel }),
    );
    return { response, adjustments, retries };
  });
}
