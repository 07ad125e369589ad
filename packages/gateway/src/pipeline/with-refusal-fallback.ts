import { GatewayError } from '../errors/gateway-error.js';
import type { UpstreamTarget } from './upstream-target.js';

/**
 * Runs `attempt` (encode and send one upstream request) and, when the upstream refuses something the
 * codec added on its own for a model that lacks it (`ProviderCodec.learnFromRefusal`), runs it once
 * more: the codec has stopped adding it, so the second request differs. Any other failure, and a
 * second refusal, reach the caller as they are.
 */
export async function withRefusalFallback<T>(target: UpstreamTarget, attempt: () => Promise<T>): Promise<T> {
  const { learnFromRefusal } = target.codec;
  if (learnFromRefusal === undefined) return attempt();
  try {
    return await attempt();
  } catch (error) {
    if (GatewayError.isInstance(error) && learnFromRefusal(error, { model: target.upstreamModel }))
      return attempt();
    throw error;
  }
}
