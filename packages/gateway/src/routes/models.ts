import type { RequestContext } from '../http/request-context.js';
import { sendJson } from '../http/send-json.js';
import { baseHeaders } from './base-headers.js';
import type { GatewayDeps } from './gateway-deps.js';

/** `GET /v1/models`: the models the configuration names, each owned by its provider. */
export function handleModels(context: RequestContext, deps: GatewayDeps): void {
  context.log.route = 'models';
  const seen = new Map<string, string>();
  for (const provider of deps.config.providers)
    for (const model of provider.models) if (!seen.has(model)) seen.set(model, provider.name);
  for (const route of deps.config.routes)
    if (route.model !== undefined && !seen.has(route.model)) seen.set(route.model, route.provider);
  // A virtual key limited to some models sees only those (docs/configuration.md#projects-keys-and-limits).
  const allowed = context.client.policy?.models ?? null;
  if (allowed !== null) for (const model of seen.keys()) if (!allowed.includes(model)) seen.delete(model);
  const data = [...seen].map(([id, owner]) => ({ id, object: 'model', created: 0, owned_by: owner }));
  sendJson(context.response, 200, { object: 'list', data }, baseHeaders(context));
}
