import type { CanonicalRequest, CanonicalResponse } from '@toolbridge/core';
import { attemptReporter } from './report-to-observer.js';
import type { TurnContext, UpstreamTarget } from './upstream-target.js';

/**
 * One non-streaming upstream turn: encode, send (with retries), read and decode the answer. `kind`
 * tells the observer whether this is the client's turn or one of the gateway's re-asks.
 */
export async function callUpstreamTurn(
  target: UpstreamTarget,
  request: CanonicalRequest,
  context: TurnContext,
  kind: 'turn' | 'reask' = 'turn',
): Promise<{ response: CanonicalResponse; adjustments: string[]; retries: number }> {
  const { path, body, adjustments } = target.codec.encodeRequest(request, {
    model: target.upstreamModel,
    stream: false,
  });
  const reply = await target.client.sendForText({
    path,
    body,
    stream: false,
    signal: context.signal,
    requestId: context.requestId,
    onAttempt: attemptReporter(context, target, kind === 'reask'),
  });
  return { response: target.codec.decodeResponse(reply.text), adjustments, retries: reply.retries };
}
