import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { checkAdminKey } from './access/check-admin-key.js';
import { OPEN_CLIENT } from './access/client-identity.js';
import { hashKey } from './access/hash-key.js';
import { createClientResolver, keysRequired } from './access/resolve-client.js';
import { sweepRateWindows } from './access/sweep-rate-windows.js';
import type { GatewayConfig } from './config/gateway-config.js';
import { GatewayError, toGatewayError } from './errors/gateway-error.js';
import { applyCors, corsOriginsOf } from './http/apply-cors.js';
import { BodyBudget } from './http/body-budget.js';
import { allowedHostsOf, checkHost } from './http/check-host.js';
import { matchRoute } from './http/match-route.js';
import { Readiness } from './http/readiness.js';
import { RequestAbort } from './http/request-abort.js';
import type { RequestContext } from './http/request-context.js';
import { requestIdOf } from './http/request-id.js';
import { sendError, sendJson } from './http/send-json.js';
import { serverLimitsOf } from './http/server-limits.js';
import { createLogger, type Logger } from './logging/create-logger.js';
import { configSecrets, createRedactor, redactError } from './logging/redact-secrets.js';
import { combineObservers, type GatewayObserver, noopObserver } from './observe/gateway-observer.js';
import { metricLabelNames } from './observe/metric-label-names.js';
import { createMetricsObserver } from './observe/metrics-observer.js';
import { observeStore } from './observe/observe-store.js';
import { createToolSetCache } from './pipeline/tool-set-facts.js';
import type { UpstreamTarget } from './pipeline/upstream-target.js';
import { createProviderCodec } from './providers/create-provider-codec.js';
import type { ProviderCodec } from './providers/provider-codec.js';
import { createModelRouter } from './providers/route-model.js';
import {
  handleAdminKeysCreate,
  handleAdminKeysGet,
  handleAdminKeysList,
  handleAdminKeysRevoke,
} from './routes/admin-keys.js';
import { handleChatCompletions } from './routes/chat-completions.js';
import type { GatewayDeps } from './routes/gateway-deps.js';
import { handleModels } from './routes/models.js';
import { dispatchObserveRoute, isObserveRoute, storeNotOpen } from './routes/observe-routes.js';
import { handleResponsesCompact } from './routes/responses-compact.js';
import { handleResponsesCreate } from './routes/responses-create.js';
import { handleResponsesInputItems } from './routes/responses-input-items.js';
import { handleResponsesDelete, handleResponsesRetrieve } from './routes/responses-retrieve.js';
import type { AccessStore } from './storage/access-store.js';
import type { ResponseStore } from './storage/response-store.js';
import { RetentionSweeper } from './storage/retention-sweeper.js';
import { createTapes } from './upstream/cassettes/create-tapes.js';
import { UpstreamClient } from './upstream/upstream-client.js';
import { createResponsesWebSocketServer } from './websocket/responses-websocket-server.js';

/** A gateway that is not listening yet: a Node request handler plus its shutdown. */
export interface Gateway {
  handle(request: IncomingMessage, response: ServerResponse): void;
  /** The HTTP server's `upgrade` handler: WebSocket mode of `/v1/responses` (docs/open-responses.md). */
  handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void;
  /** Requests being served right now. */
  readonly inFlight: number;
  /** Aborts every in-flight request (used after the shutdown grace period). */
  abortAll(): void;
  /** Marks the gateway not ready (`GET /ready` → 503) before a shutdown; requests are still served. */
  beginShutdown(): void;
  /** Resolves once the store is open (rejects if it failed to open). */
  readonly storeReady: Promise<void>;
  /** Closes upstream pools, the observers (flushing traces) and the store. */
  close(): Promise<void>;
}

export interface CreateGatewayOptions {
  config: GatewayConfig;
  /**
   * The open store, or a promise of it: until it resolves `GET /ready` answers 503 and routes that need
   * the store answer 503 `store_unavailable` (docs/observability.md#readiness).
   */
  store: ResponseStore | Promise<ResponseStore>;
  /**
   * Virtual keys, rate windows and spend, in the same database as `store`; closed with the
   * gateway. Without it only the config's keys are accepted and no limits apply.
   */
  accessStore?: AccessStore | null;
  logger?: Logger;
  /** More observers beside the metrics (the OTLP tracer when `OTEL_EXPORTER_OTLP_ENDPOINT` is set). */
  observers?: GatewayObserver[];
}

/** Path and query of a request target; cheaper than `new URL` on every request. */
function splitUrl(target: string): { pathname: string; searchParams: URLSearchParams } {
  const mark = target.indexOf('?');
  return mark === -1
    ? { pathname: target, searchParams: new URLSearchParams() }
    : { pathname: target.slice(0, mark), searchParams: new URLSearchParams(target.slice(mark + 1)) };
}

async function dispatch(
  context: RequestContext,
  deps: GatewayDeps & { adminHash: Buffer | null },
  url: { pathname: string; searchParams: URLSearchParams },
): Promise<void> {
  // Browser safety first (SECURITY.md): a foreign Host learns nothing, not even which paths exist.
  if (url.pathname !== '/health') checkHost(context.request, deps.allowedHosts);
  if (applyCors(context, deps.corsOrigins)) return;
  const matched = matchRoute(context.request.method ?? 'GET', url.pathname);
  if (matched === null) {
    throw new GatewayError({
      code: 'not_found',
      message: `Invalid URL (${context.request.method} ${url.pathname}).`,
      openaiCode: null,
    });
  }
  if ('allowed' in matched) {
    throw new GatewayError({
      code: 'method_not_allowed',
      message: `${context.request.method} is not supported on ${url.pathname}; use ${matched.allowed.join(' or ')}.`,
      openaiCode: null,
      headers: { allow: matched.allowed.join(', ') },
    });
  }
  if (matched.route === 'health') {
    context.log.route = 'health';
    sendJson(context.response, 200, { status: 'ok' }, { 'x-request-id': context.requestId });
    return;
  }
  const { route } = matched;
  if (isObserveRoute(route))
    return dispatchObserveRoute(context, deps, { route, id: matched.id ?? '' }, url.searchParams);
  if (!deps.readiness.storeOpen) throw storeNotOpen();
  const id = matched.id ?? '';
  if (matched.route.startsWith('admin.')) {
    checkAdminKey(context.request, deps.adminHash, url.pathname);
    if (matched.route === 'admin.keys.create') return handleAdminKeysCreate(context, deps);
    if (matched.route === 'admin.keys.get') return handleAdminKeysGet(context, deps, id);
    if (matched.route === 'admin.keys.revoke') return handleAdminKeysRevoke(context, deps, id);
    return handleAdminKeysList(context, deps, url.searchParams);
  }
  context.client = await deps.resolveClient(context.request);
  switch (matched.route) {
    case 'models':
      return handleModels(context, deps);
    case 'chat.completions':
      return handleChatCompletions(context, deps);
    case 'responses.create':
      return handleResponsesCreate(context, deps);
    case 'responses.compact':
      return handleResponsesCompact(context, deps);
    case 'responses.retrieve':
      return handleResponsesRetrieve(context, deps, id, url.searchParams);
    case 'responses.delete':
      return handleResponsesDelete(context, deps, id);
    case 'responses.input_items':
      return handleResponsesInputItems(context, deps, id, url.searchParams);
  }
}

/**
 * Hands the store to `use` once it is open (at once when it already is) and keeps readiness in step.
 * The returned promise rejects when opening failed; a handler keeps that from being unhandled meanwhile.
 */
function whenStoreOpens(
  store: ResponseStore | Promise<ResponseStore>,
  use: (open: ResponseStore) => void,
  readiness: Readiness,
): Promise<void> {
  if (!(store instanceof Promise)) {
    use(store);
    readiness.storeOpened();
    return Promise.resolve();
  }
  const opened = store.then(
    (open) => {
      use(open);
      readiness.storeOpened();
    },
    (error: unknown) => {
      readiness.storeFailed(error instanceof Error ? error.message : String(error));
      throw error;
    },
  );
  opened.catch(() => undefined);
  return opened;
}

function accessLog(logger: Logger, context: RequestContext): void {
  if (!logger.isLevelEnabled('info')) return;
  const { log, response } = context;
  // Only fields that are set: the line is built on every request, so it stays small.
  const line: Record<string, unknown> = {
    requestId: context.requestId,
    method: context.request.method,
    // The path only: a query string can carry a key (`?api_key=…`).
    route: log.route ?? splitUrl(context.request.url ?? '/').pathname,
    status: response.statusCode,
    durationMs: Math.round((performance.now() - context.startedAt) * 10) / 10,
  };
  if (context.client.keyId !== null) {
    line['project'] = context.client.projectId;
    line['key'] = context.client.keyId;
  }
  if (log.provider !== undefined) line['provider'] = log.provider;
  if (log.model !== undefined) line['model'] = log.model;
  if (log.inputTokens !== undefined) {
    line['inputTokens'] = log.inputTokens;
    line['outputTokens'] = log.outputTokens;
    line['cachedTokens'] = log.cachedTokens;
    // null: the model has no price, so the cost is unknown (never reported as 0).
    line['costUsd'] = log.costUsd ?? null;
  }
  if (log.ttfbMs !== undefined) line['ttfbMs'] = Math.round(log.ttfbMs * 10) / 10;
  if (log.upstreamRetries) line['retries'] = log.upstreamRetries;
  if (log.adjusted !== undefined && log.adjusted.length > 0) line['adjusted'] = log.adjusted;
  if (log.errorCode !== undefined) line['error'] = log.errorCode;
  if (!response.writableFinished) line['aborted'] = true;
  logger.info(line);
}

/** Deletes expired stored responses on a schedule when `retentionDays` is set (docs/configuration.md#retention). */
function startRetention(
  config: GatewayConfig,
  store: ResponseStore,
  logger: Logger,
): RetentionSweeper | null {
  const retentionDays = config.retentionDays ?? 0;
  if (retentionDays <= 0) return null;
  return RetentionSweeper.start({
    store,
    retentionDays,
    onSweep: ({ deleted, durationMs }) =>
      logger.info({ retention: { deleted, retentionDays, durationMs } }, 'deleted expired stored responses'),
    onError: (error) =>
      logger.warn(
        { retention: { retentionDays }, err: error },
        'retention sweep failed; the next sweep tries again',
      ),
  });
}

/** Builds the gateway from a validated configuration and an open store; it does not listen. */
export function createGateway({
  config,
  store,
  accessStore = null,
  logger = createLogger({
    level: config.logLevel,
    format: config.logFormat ?? 'json',
    redact: createRedactor(configSecrets(config)),
  }),
  observers = [],
}: CreateGatewayOptions): Gateway {
  const metrics = config.metrics === false ? null : createMetricsObserver(metricLabelNames(config));
  const observer = combineObservers(metrics === null ? observers : [metrics, ...observers]);
  const readiness = new Readiness();
  const clients = new Map<string, UpstreamClient>();
  const codecs = new Map<string, ProviderCodec>();
  const tapeFor = createTapes(config.cassettes, logger);
  for (const provider of config.providers) {
    const codec = createProviderCodec(provider);
    codecs.set(provider.name, codec);
    clients.set(provider.name, new UpstreamClient(provider, codec, tapeFor?.(provider) ?? null));
  }
  const route = createModelRouter(config);
  const deps: GatewayDeps & { adminHash: Buffer | null } = {
    config,
    // Replaced by the observed store once it is open; nothing reads it before (dispatch checks readiness).
    store: undefined as unknown as ResponseStore,
    logger,
    allowedHosts: allowedHostsOf(config),
    corsOrigins: corsOriginsOf(config),
    accessStore,
    resolveClient: createClientResolver(config, accessStore),
    adminHash: config.adminKey === null ? null : hashKey(config.adminKey),
    observer,
    metrics,
    readiness,
    toolSets: createToolSetCache(),
    adminAccess: {
      clientKeysConfigured: keysRequired(config),
      adminKeyHashes: config.adminKey === null ? [] : [hashKey(config.adminKey)],
    },
    resolveTarget(model: string): UpstreamTarget {
      const { provider, upstreamModel } = route(model);
      return {
        provider,
        upstreamModel,
        client: clients.get(provider.name) as UpstreamClient,
        codec: codecs.get(provider.name) as ProviderCodec,
      };
    },
  };
  let retention: RetentionSweeper | null = null;
  const storeReady = whenStoreOpens(
    store,
    (open) => {
      deps.store = observer === noopObserver ? open : observeStore(open, observer);
      retention = startRetention(config, open, logger);
    },
    readiness,
  );
  const inFlightAborts = new Set<RequestAbort>();
  const bodyBudget = new BodyBudget(serverLimitsOf(config).maxBufferedBodyBytes);
  const redact = createRedactor(configSecrets(config));
  const sweeper = accessStore === null ? null : sweepRateWindows(accessStore, logger);
  const websocket = createResponsesWebSocketServer(deps);
  return {
    storeReady,
    beginShutdown() {
      readiness.beginShutdown();
    },
    get inFlight() {
      return inFlightAborts.size + websocket.inFlight;
    },
    handleUpgrade: websocket.handleUpgrade,
    handle(request, response) {
      const abort = new RequestAbort();
      inFlightAborts.add(abort);
      const context: RequestContext = {
        request,
        response,
        requestId: requestIdOf(request),
        signal: abort,
        startedAt: performance.now(),
        bodyBudget,
        client: OPEN_CLIENT,
        debugLogger: logger.isLevelEnabled('debug') ? logger : null,
        log: {},
        observer,
      };
      observer.onRequestStart(context);
      // A client that goes away aborts the upstream request.
      response.on('close', () => {
        const aborted = !response.writableFinished;
        if (aborted) abort.abort(new Error('client disconnected'));
        // Logged as a client abort: it left before sending its whole request (SECURITY.md).
        if (!request.complete) context.log.errorCode ??= 'client_closed_request';
        inFlightAborts.delete(abort);
        accessLog(logger, context);
        observer.onRequestEnd(context, {
          method: request.method ?? 'GET',
          status: response.statusCode,
          durationMs: performance.now() - context.startedAt,
          aborted,
        });
      });
      const url = splitUrl(request.url ?? '/');
      dispatch(context, deps, url).catch((error: unknown) => {
        const gatewayError = redactError(toGatewayError(error), redact);
        context.log.errorCode ??= gatewayError.code;
        if (gatewayError.status >= 500 && gatewayError.code === 'internal_error') {
          logger.error({ requestId: context.requestId, err: error }, 'request failed');
        }
        // A client that left mid-body is in the access line (`client_closed_request`); nobody to answer.
        if (gatewayError.code === 'client_closed_request') response.destroy();
        else if (!abort.aborted) sendError(response, gatewayError, { 'x-request-id': context.requestId });
        else if (!response.headersSent) response.destroy();
        // A body left unread (413, early errors) must not be parsed as the next request.
        if (!request.complete) request.resume();
      });
    },
    abortAll() {
      for (const abort of inFlightAborts) abort.abort(new Error('gateway shutting down'));
      websocket.closeAll();
    },
    async close() {
      readiness.beginShutdown();
      if (sweeper !== null) clearInterval(sweeper);
      await (retention as RetentionSweeper | null)?.stop();
      await Promise.all([...clients.values()].map((client) => client.close()));
      await observer.close();
      const open = await Promise.resolve(store).catch(() => null);
      await open?.close();
      await accessStore?.close();
      readiness.storeClosed();
      logger.flush?.();
    },
  };
}
