import type { CanonicalRequest, CanonicalResponse } from '@toolbridge/core';
import type { TurnContext, UpstreamTarget } from './upstream-target.js';

/** One non-streaming upstream turn: encode, send (with retries), read and decode the answer. */
export async function callUpstreamTurn(
  target: UpstreamTarget,
  request: CanonicalRequest,
  context: TurnContext,
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
    trace: context,
  });
  return { response: target.codec.decodeResponse(reply.text), adjustments, retries: reply.retries };
}
