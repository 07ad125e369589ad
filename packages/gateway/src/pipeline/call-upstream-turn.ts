import type { CanonicalRequest, CanonicalResponse } from '@toolbridge/core';
import { GatewayError } from '../errors/gateway-error.js';
import type { TurnContext, UpstreamTarget } from './upstream-target.js';

/**
 * One non-streaming upstream turn: encode, send (with retries), read and decode the answer. An answer
 * the codec rejects as `retryable` (a model that failed to produce a call) is asked for again, within
 * the provider's retry budget: nothing reached the client yet.
 */
export async function callUpstreamTurn(
  target: UpstreamTarget,
  request: CanonicalRequest,
  context: TurnContext,
): Promise<{ response: CanonicalResponse; adjustments: string[]; retries: number }> {
  const { path, body, adjustments } = target.codec.encodeRequest(request, {
    model: target.upstreamModel,
    stream: false,
  });
  let retries = 0;
  for (;;) {
    const reply = await target.client.sendForText({
      path,
      body,
      stream: false,
      signal: context.signal,
      requestId: context.requestId,
      trace: context,
    });
    retries += reply.retries;
    try {
      return {
        response: target.codec.decodeResponse(reply.text, { model: target.upstreamModel }),
        adjustments,
        retries,
      };
    } catch (error) {
      const again = GatewayError.isInstance(error) && error.retryable && retries < target.provider.retries;
      if (!again || context.signal.aborted) throw error;
      retries += 1;
    }
  }
}
