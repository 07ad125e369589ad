import { GatewayError } from '../errors/gateway-error.js';
import { checkAdminAuth } from '../http/check-admin-auth.js';
import type { ObserveRouteName } from '../http/match-observe-route.js';
import type { RouteName } from '../http/match-route.js';
import type { RequestContext } from '../http/request-context.js';
import { sendJson } from '../http/send-json.js';
import { serveUi } from '../ui/serve-ui.js';
import type { GatewayDeps } from './gateway-deps.js';
import {
  handleChatCompletionDelete,
  handleChatCompletionMessages,
  handleChatCompletionRetrieve,
  handleChatCompletionsList,
  handleChatCompletionUpdate,
} from './stored-chat-completions.js';
import { handleUiChatCompletion, handleUiResponse, handleUiTraffic } from './ui-data.js';

const OBSERVE_ROUTES: ReadonlySet<string> = new Set<ObserveRouteName>([
  'ready',
  'metrics',
  'ui',
  'ui.traffic',
  'ui.response',
  'ui.chat_completion',
  'chat.completions.list',
  'chat.completions.retrieve',
  'chat.completions.update',
  'chat.completions.delete',
  'chat.completions.messages',
]);

/** Whether {@link dispatchObserveRoute} serves this route. */
export function isObserveRoute(route: RouteName): route is ObserveRouteName {
  return OBSERVE_ROUTES.has(route);
}

/** The 503 for routes that need the store while it is still opening. */
export function storeNotOpen(): GatewayError {
  return new GatewayError({
    code: 'store_unavailable',
    message:
      'The gateway is starting: its store is not open yet. Retry shortly; GET /ready answers 200 once it is.',
    openaiCode: null,
  });
}

async function handleMetrics(context: RequestContext, deps: GatewayDeps): Promise<void> {
  context.log.route = 'metrics';
  if (deps.metrics === null) {
    throw new GatewayError({
      code: 'not_found',
      message: 'Metrics are turned off ("metrics": false in the config).',
      openaiCode: null,
    });
  }
  const text = await deps.metrics.render();
  context.response.writeHead(200, {
    'content-type': deps.metrics.contentType,
    'content-length': Buffer.byteLength(text),
    'x-request-id': context.requestId,
  });
  context.response.end(text);
}

function handleReady(context: RequestContext, deps: GatewayDeps): void {
  context.log.route = 'ready';
  const { ready, body } = deps.readiness.report();
  sendJson(context.response, ready ? 200 : 503, body, {
    'x-request-id': context.requestId,
    'cache-control': 'no-store',
  });
}

/**
 * Readiness, metrics, the trace viewer and stored Chat Completions (docs/observability.md). `/ready`
 * is open; `/metrics` and `/ui` need the admin key when keys are configured; stored completions need
 * a client key like every API route.
 */
export async function dispatchObserveRoute(
  context: RequestContext,
  deps: GatewayDeps,
  matched: { route: ObserveRouteName; id?: string },
  query: URLSearchParams,
): Promise<void> {
  const { route } = matched;
  const id = matched.id ?? '';
  if (route === 'ready') return handleReady(context, deps);
  if (route === 'metrics' || route.startsWith('ui')) checkAdminAuth(context.request, deps.adminAccess);
  // Stored chat completions belong to the key's project, like stored responses.
  else context.client = await deps.resolveClient(context.request);
  if (route === 'metrics') return handleMetrics(context, deps);
  if (route === 'ui') return serveUi(context, id);
  if (!deps.readiness.storeOpen) throw storeNotOpen();
  switch (route) {
    case 'ui.traffic':
      return handleUiTraffic(context, deps, query);
    case 'ui.response':
      return handleUiResponse(context, deps, id, query);
    case 'ui.chat_completion':
      return handleUiChatCompletion(context, deps, id, query);
    case 'chat.completions.list':
      return handleChatCompletionsList(context, deps, query);
    case 'chat.completions.retrieve':
      return handleChatCompletionRetrieve(context, deps, id);
    case 'chat.completions.messages':
      return handleChatCompletionMessages(context, deps, id, query);
    case 'chat.completions.update':
      return handleChatCompletionUpdate(context, deps, id);
    case 'chat.completions.delete':
      return handleChatCompletionDelete(context, deps, id);
  }
}
