import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { GatewayConfig } from './config/gateway-config.js';
import { createGateway, type Gateway } from './create-gateway.js';
import { gatewayDefaults } from './defaults.js';
import { createLogger, type Logger } from './logging/create-logger.js';
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
}

/** Opens the store, builds the gateway and listens on `config.host:config.port` (0 = a free port). */
export async function startGateway({
  config,
  store,
  logger = createLogger({ level: config.logLevel }),
}: StartGatewayOptions): Promise<RunningGateway> {
  const openStore = store ?? (await openResponseStore(config.store));
  const gateway = createGateway({ config, store: openStore, logger });
  const server = createServer({ keepAliveTimeout: 65_000, requestTimeout: 0 }, gateway.handle);
  server.on('upgrade', gateway.handleUpgrade);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
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
