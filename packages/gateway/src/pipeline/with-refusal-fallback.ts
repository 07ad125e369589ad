import { GatewayError } from '../errors/gateway-error.js';
import type { UpstreamTarget } from './upstream-target.js';

/**
 * Runs `attempt` (encode and send one upstream request) and, when the upstream refuses something the
 * codec added on its own for a model that lacks it (`ProviderCodec.learnFromRefusal`), runs it once
 * more: the codec has stopped adding it, so the second request differs. Any other failure, and a
 * second refusal, reach the caller as they are.
 */
export function withRefusalFallback<T>(target: UpstreamTarget, attempt: () => Promise<T>): Promise<T> {
  const { learnFromRefusal } = target.codec;
  // Not async, and no handler when the codec learns nothing: the request path of every other codec
  // gains no promise and no tick.
  if (learnFromRefusal === undefined) return attempt();
  return attempt().catch((error: unknown) => {
    if (GatewayError.isInstance(error) && learnFromRefusal(error, { model: target.upstreamModel }))
      return attempt();
    throw error;
  });
}
