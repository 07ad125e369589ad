import cluster from 'node:cluster';
import { createServer } from 'node:net';
import { ConfigError } from '../config/config-error.js';
import type { GatewayConfig } from '../config/gateway-config.js';
import type { Logger } from '../logging/create-logger.js';
import { startGateway } from '../serve-node.js';
import { ClusterPrimary } from './cluster-primary.js';
import { runClusterWorker } from './run-cluster-worker.js';

/** Options of `serveGateway`. */
export interface ServeGatewayOptions {
  config: GatewayConfig;
  /** Worker processes; null = serve in this process, without a cluster. */
  workers: number | null;
  logger?: Logger;
  /** Cluster events (workers listening, exiting, replaced), one line each. */
  onEvent?: (message: string) => void;
}

/** A gateway being served here: by this process (`single`) or by workers this process manages. */
export interface ServedGateway {
  role: 'single' | 'primary';
  url: string;
  port: number;
  /** Process ids serving requests. */
  workerPids(): number[];
  /** Replaces the workers one at a time (SIGHUP); a no-op without workers. */
  reload(): Promise<void>;
  /** Stops taking connections and lets in-flight requests finish (every worker, with workers). */
  close(): Promise<void>;
}

/**
 * A port free on `host` now, for `port: 0` with workers: every worker must ask for the same port to
 * share one socket, and a worker replaced after all others died must get it again.
 */
function freePort(host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, host, () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === 'object' && address !== null ? address.port : 0));
    });
  });
}

function urlOf(host: string, port: number): string {
  return `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
}

/**
 * Serves the gateway in one process, or with `workers` processes sharing the port, the store and
 * the limits (docs/configuration.md#workers). A script calls it the same way in every process of
 * a cluster: the primary gets its handle, a worker serves until the primary tells it to stop and
 * gets `null` (the script should then do nothing more).
 */
export async function serveGateway(options: ServeGatewayOptions): Promise<ServedGateway | null> {
  const { config, workers, logger, onEvent } = options;
  if (workers === null) {
    const running = await startGateway({ config, ...(logger ? { logger } : {}) });
    return {
      role: 'single',
      url: running.url,
      port: running.port,
      workerPids: () => [process.pid],
      reload: async () => undefined,
      close: () => running.close(),
    };
  }
  if (config.store.trim() === ':memory:') {
    throw new ConfigError(
      '--workers needs a store the processes can share: a SQLite file or a postgres:// URL, not :memory:.',
    );
  }
  if (!cluster.isPrimary) {
    await runClusterWorker({ config, ...(logger ? { logger } : {}) });
    return null;
  }
  const port = config.port === 0 ? await freePort(config.host) : config.port;
  const primary = new ClusterPrimary({ workers, port, ...(onEvent ? { onEvent } : {}) });
  await primary.start();
  return {
    role: 'primary',
    url: urlOf(config.host, primary.port),
    port: primary.port,
    workerPids: () => primary.workerPids(),
    reload: () => primary.reload(),
    close: () => primary.close(),
  };
}
