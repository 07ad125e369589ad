import {
  ConfigError,
  loadGatewayConfig,
  redactUrl,
  type ServeFlags,
  serveGateway,
} from '@toolbridge/gateway';
import { CliError } from '../cli-error.js';
import type { Terminal } from '../output/terminal.js';

/** Process options of `toolbridge serve` (not part of the gateway's configuration). */
export interface ServeProcessOptions {
  /** `--workers N`: processes sharing the port; null = this process alone. */
  workers: number | null;
}

/**
 * `toolbridge serve`: loads the configuration (flags and/or a config file), opens the store, listens,
 * prints the URL, and stops cleanly on SIGINT/SIGTERM (in-flight requests finish within the grace period).
 * With `--workers N` this process manages N workers (docs/configuration.md#workers): SIGHUP replaces
 * them one at a time, a crashed one is restarted. A worker runs this same command and only serves.
 */
export async function serveCommand(
  flags: ServeFlags,
  err: Terminal,
  { workers }: ServeProcessOptions = { workers: null },
): Promise<number> {
  let served: Awaited<ReturnType<typeof serveGateway>>;
  let config: Awaited<ReturnType<typeof loadGatewayConfig>>;
  try {
    config = await loadGatewayConfig(flags);
    served = await serveGateway({
      config,
      workers,
      onEvent: (message) => err.line(err.style('dim', message)),
    });
  } catch (error) {
    if (ConfigError.isInstance(error)) throw new CliError(error.message, { exitCode: 2, cause: error });
    throw error;
  }
  // A worker serves until its primary tells it to stop.
  if (served === null) return new Promise<number>(() => undefined);
  const running = served;
  const upstreams = config.providers
    .map((provider) => `${provider.name} → ${redactUrl(provider.baseUrl)} (${provider.api})`)
    .join(', ');
  err.line(
    `toolbridge gateway listening on ${err.style('bold', running.url)}  (OpenAI base URL: ${running.url}/v1)`,
  );
  const processes = running.role === 'primary' ? `; workers: ${running.workerPids().join(', ')}` : '';
  err.line(err.style('dim', `upstreams: ${upstreams}; store: ${config.store}${processes}`));
  if (running.role === 'primary') {
    process.on('SIGHUP', () => {
      err.line('SIGHUP: replacing workers one at a time…');
      running.reload().then(
        () => err.line(`workers replaced: ${running.workerPids().join(', ')}`),
        (error: unknown) => err.line(`reload stopped, old workers keep serving: ${(error as Error).message}`),
      );
    });
  }
  await new Promise<void>((resolve) => {
    let stopping = false;
    const stop = (signal: NodeJS.Signals): void => {
      if (stopping) {
        err.line(`${signal} again: exiting now.`);
        process.exit(130);
      }
      stopping = true;
      err.line(`${signal}: finishing in-flight requests…`);
      running.close().then(resolve, (error: unknown) => {
        err.line(`error while stopping: ${(error as Error).message}`);
        resolve();
      });
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  err.line('stopped.');
  return 0;
}
