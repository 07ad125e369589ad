import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { keysRequired } from './access/resolve-client.js';
import type { GatewayConfig } from './config/gateway-config.js';
import { createGateway, type Gateway } from './create-gateway.js';
import { gatewayDefaults } from './defaults.js';
import { answerClientError } from './http/answer-client-error.js';
import { limitConnections } from './http/limit-connections.js';
import { serverLimitsOf } from './http/server-limits.js';
import { createLogger, type Logger } from './logging/create-logger.js';
import { configSecrets, createRedactor } from './logging/redact-secrets.js';
import { loadTracingObserver } from './observe/load-tracing-observer.js';
import type { AccessStore } from './storage/access-store.js';
import { openAccessStore, openResponseStore } from './storage/open-response-store.js';
import type { ResponseStore } from './storage/response-store.js';

/** A listening gateway. */
export interface RunningGateway {
  /** `http://host:port` (append `/v1` for SDK base URLs). */
  url: string;
  port: number;
  server: Server;
  gateway: Gateway;
  /** Stops accepting, lets in-flight requests finish for `graceMs`, aborts the rest, closes the store. */
  close(options?: { graceMs?: number }): Promise<void>;
}

export interface StartGatewayOptions {
  config: GatewayConfig;
  /** An already open store (tests); otherwise `config.store` is opened. */
  store?: ResponseStore;
  /**
   * An already open access store; otherwise one is opened on `config.store` when the config names
   * any client key (an open gateway has no virtual keys and no limits).
   */
  accessStore?: AccessStore | null;
  /** Defaults to JSON lines on stdout with the configured credentials masked; yours is used as it is. */
  logger?: Logger;
  /** Where the OpenTelemetry variables are read (default `process.env`; docs/observability.md#traces). */
  env?: NodeJS.ProcessEnv;
}

/**
 * Builds the gateway, listens on `config.host:config.port` (0 = a free port) and opens the store; resolves
 * once both are done. While the store opens, `GET /health` answers 200 and `GET /ready` 503. The server
 * has the limits of `config.server` (docs/configuration.md#server-limits): header, request and keep-alive
 * timeouts, a connection cap, and Node's own early rejections answered in the OpenAI envelope.
 */
export async function startGateway({
  config,
  store,
  accessStore,
  logger = createLogger({
    level: config.logLevel,
    format: config.logFormat ?? 'json',
    redact: createRedactor(configSecrets(config)),
  }),
  env = process.env,
}: StartGatewayOptions): Promise<RunningGateway> {
  const tracing = await loadTracingObserver(env);
  const openAccess =
    accessStore !== undefined
      ? accessStore
      : keysRequired(config)
        ? await openAccessStore(config.store)
        : null;
  const gateway = createGateway({
    config,
    store: store ?? openResponseStore(config.store),
    accessStore: openAccess,
    logger,
    observers: tracing === null ? [] : [tracing],
  });
  const limits = serverLimitsOf(config);
  const server = createServer(
    {
      headersTimeout: limits.headersTimeoutMs,
      requestTimeout: limits.requestTimeoutMs,
      keepAliveTimeout: limits.keepAliveTimeoutMs,
      // Node checks both timeouts on this interval; a short timeout (tests) needs a shorter one.
      connectionsCheckingInterval: Math.max(
        10,
        Math.min(gatewayDefaults.server.timeoutCheckIntervalMs, Math.floor(limits.headersTimeoutMs / 4)),
      ),
    },
    (request, response) => {
      if (!refused.has(request.socket)) gateway.handle(request, response);
    },
  );
  const refused = limitConnections({
    server,
    max: limits.maxConnections,
    lingerMs: gatewayDefaults.server.refusedLingerMs,
  });
  server.on('upgrade', (request, socket, head) => {
    if (!refused.has(request.socket)) gateway.handleUpgrade(request, socket, head);
  });
  server.on('clientError', (error: Error, socket: Socket) => answerClientError(error, socket, limits));
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(config.port, config.host, () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (error) {
    // Busy port, no permission, unknown host: release the store, pools and timers so the caller can exit.
    await gateway.close().catch(() => undefined);
    throw error;
  }
  try {
    await gateway.storeReady;
  } catch (error) {
    await new Promise((resolve) => server.close(resolve));
    await gateway.close().catch(() => undefined);
    throw error;
  }
  const { port } = server.address() as AddressInfo;
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;
  let closing: Promise<void> | null = null;
  return {
    url: `http://${host}:${port}`,
    port,
    server,
    gateway,
    close({ graceMs = gatewayDefaults.shutdownGraceMs } = {}) {
      closing ??= (async () => {
        gateway.beginShutdown();
        const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
        server.closeIdleConnections();
        const deadline = Date.now() + graceMs;
        while (gateway.inFlight > 0 && Date.now() < deadline)
          await new Promise((resolve) => setTimeout(resolve, 25));
        gateway.abortAll();
        server.closeAllConnections();
        await stopped;
        await gateway.close();
      })();
      return closing;
    },
  };
}
