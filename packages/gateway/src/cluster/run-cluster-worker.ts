import process from 'node:process';
import type { GatewayConfig } from '../config/gateway-config.js';
import type { Logger } from '../logging/create-logger.js';
import { startGateway } from '../serve-node.js';
import {
  CLUSTER_PORT_ENV,
  isMessage,
  type ListeningMessage,
  type ShutdownMessage,
} from './cluster-messages.js';

/**
 * One worker of `serve --workers N` (docs/configuration.md#workers): listens on the port the
 * primary shares, reports it, and on the primary's word (or its loss) stops taking connections,
 * lets in-flight requests finish, and exits. SIGINT is left to the primary, which got it too.
 */
export async function runClusterWorker(options: { config: GatewayConfig; logger?: Logger }): Promise<void> {
  const fixedPort = process.env[CLUSTER_PORT_ENV];
  const config = fixedPort === undefined ? options.config : { ...options.config, port: Number(fixedPort) };
  const running = await startGateway({ config, ...(options.logger ? { logger: options.logger } : {}) });
  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    running.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('message', (message: unknown) => {
    if (isMessage<ShutdownMessage>(message, 'toolbridge:shutdown')) stop();
  });
  process.on('disconnect', stop);
  process.on('SIGTERM', stop);
  process.on('SIGINT', () => undefined);
  const listening: ListeningMessage = { type: 'toolbridge:listening', port: running.port };
  process.send?.(listening);
}
