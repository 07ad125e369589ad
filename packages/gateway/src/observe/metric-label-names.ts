import type { GatewayConfig } from '../config/gateway-config.js';
import type { MetricsObserverOptions } from './metrics-observer.js';

/**
 * The names allowed as `model` and `provider` label values: configured providers, the models they list,
 * the models routes name (before and after renaming) and the models with a price. Anything else a client
 * sends is counted under `other` (docs/observability.md#labels).
 */
export function metricLabelNames(config: GatewayConfig): MetricsObserverOptions {
  const models = new Set<string>(Object.keys(config.prices));
  for (const provider of config.providers) for (const model of provider.models) models.add(model);
  for (const route of config.routes) {
    if (route.model !== undefined) models.add(route.model);
    if (route.upstreamModel !== undefined) models.add(route.upstreamModel);
  }
  return { models, providers: config.providers.map((provider) => provider.name) };
}
