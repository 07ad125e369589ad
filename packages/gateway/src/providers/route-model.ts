import type { GatewayConfig, ProviderConfig } from '../config/gateway-config.js';
import { GatewayError } from '../errors/gateway-error.js';

/** Where a request's model goes: the provider and the model name to send upstream. */
export interface ModelRoute {
  provider: ProviderConfig;
  upstreamModel: string;
}

/**
 * Resolves a model name: an exact route, a provider's model list, a route prefix, `provider/model`,
 * then the default provider. Unknown → 404 model_not_found, as OpenAI answers.
 */
export function createModelRouter(config: GatewayConfig): (model: string) => ModelRoute {
  const byName = new Map(config.providers.map((provider) => [provider.name, provider]));
  const exact = new Map<string, ModelRoute>();
  for (const provider of config.providers) {
    for (const model of provider.models)
      if (!exact.has(model)) exact.set(model, { provider, upstreamModel: model });
  }
  for (const route of config.routes) {
    const provider = byName.get(route.provider);
    if (provider && route.model !== undefined)
      exact.set(route.model, { provider, upstreamModel: route.upstreamModel ?? route.model });
  }
  const prefixes = config.routes.filter((route) => route.prefix !== undefined);
  const fallback = config.defaultProvider !== null ? byName.get(config.defaultProvider) : undefined;
  return (model) => {
    const hit = exact.get(model);
    if (hit) return hit;
    for (const route of prefixes) {
      const prefix = route.prefix ?? '';
      const provider = byName.get(route.provider);
      if (provider && model.startsWith(prefix))
        return { provider, upstreamModel: route.upstreamModel ?? model.slice(prefix.length) };
    }
    const slash = model.indexOf('/');
    if (slash > 0) {
      const provider = byName.get(model.slice(0, slash));
      if (provider) return { provider, upstreamModel: model.slice(slash + 1) };
    }
    if (fallback) return { provider: fallback, upstreamModel: model };
    throw new GatewayError({
      code: 'model_not_found',
      message: `The model '${model}' does not exist or you do not have access to it. Configured models: ${[...exact.keys()].join(', ') || '(none)'}.`,
      param: 'model',
      openaiCode: 'model_not_found',
    });
  };
}
