import { ConfigError, loadGatewayConfig, type ServeFlags, startGateway } from '@toolbridge/gateway';
import { CliError } from '../cli-error.js';
import type { Terminal } from '../output/terminal.js';

/**
 * `toolbridge serve`: loads the configuration (flags and/or a config file), opens the store, listens,
 * prints the URL, and stops cleanly on SIGINT/SIGTERM (in-flight requests finish within the grace period).
 */
export async function serveCommand(flags: ServeFlags, err: Terminal): Promise<number> {
  let config: Awaited<ReturnType<typeof loadGatewayConfig>>;
  try {
    config = await loadGatewayConfig(flags);
  } catch (error) {
    if (ConfigError.isInstance(error)) throw new CliError(error.message, { exitCode: 2, cause: error });
    throw error;
  }
  const running = await startGateway({ config });
  const upstreams = config.providers
    .map((provider) => `${provider.name} → ${provider.baseUrl} (${provider.api})`)
    .join(', ');
  err.line(
    `toolbridge gateway listening on ${err.style('bold', running.url)}  (OpenAI base URL: ${running.url}/v1)`,
  );
  err.line(err.style('dim', `upstreams: ${upstreams}; store: ${config.store}`));
  const { cassettes } = config;
  if (cassettes !== undefined) {
    err.line(
      cassettes.mode === 'record'
        ? `recording every upstream exchange to ${cassettes.dir}`
        : `replaying from ${cassettes.dir} (${cassettes.timing}); upstreams are never called`,
    );
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
