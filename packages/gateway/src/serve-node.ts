import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { GatewayConfig } from './config/gateway-config.js';
import { createGateway, type Gateway } from './create-gateway.js';
import { gatewayDefaults } from './defaults.js';
import { createLogger, type Logger } from './logging/create-logger.js';
import { loadTracingObserver } from './observe/load-tracing-observer.js';
import { openResponseStore } from './storage/open-response-store.js';
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
  logger?: Logger;
  /** Where the OpenTelemetry variables are read (default `process.env`; docs/observability.md#traces). */
  env?: NodeJS.ProcessEnv;
}

/**
 * Builds the gateway, listens on `config.host:config.port` (0 = a free port) and opens the store; resolves
 * once both are done. While the store opens, `GET /health` answers 200 and `GET /ready` 503.
 */
export async function startGateway({
  config,
  store,
  logger = createLogger({ level: config.logLevel }),
  env = process.env,
}: StartGatewayOptions): Promise<RunningGateway> {
  const tracing = await loadTracingObserver(env);
  const gateway = createGateway({
    config,
    store: store ?? openResponseStore(config.store),
    logger,
    observers: tracing === null ? [] : [tracing],
  });
  const server = createServer({ keepAliveTimeout: 65_000, requestTimeout: 0 }, gateway.handle);
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(config.port, config.host, () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (error) {
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
