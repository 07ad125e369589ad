import { loadGatewayConfig, type ServeFlags, startGateway } from '@toolbridge/gateway';
import type { CommandSpec } from '../options/option-spec.js';
import type { Terminal } from '../output/terminal.js';
import { describeStartFailure } from './describe-start-failure.js';
import { serveOptions } from './serve-options.js';

/** Resolves when SIGINT/SIGTERM stopped the gateway (a second signal exits at once). */
function untilStopped(close: () => Promise<void>, err: Terminal): Promise<void> {
  return new Promise<void>((resolve) => {
    let stopping = false;
    const stop = (signal: NodeJS.Signals): void => {
      if (stopping) {
        err.line(`${signal} again: exiting now.`);
        process.exit(130);
      }
      stopping = true;
      err.line(`${signal}: finishing in-flight requests…`);
      close().then(resolve, (error: unknown) => {
        err.line(`error while stopping: ${(error as Error).message}`);
        resolve();
      });
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

/**
 * Loads the configuration (flags and environment, then an optional config file), opens the store,
 * listens, prints the URL, and stops cleanly on SIGINT/SIGTERM (in-flight requests finish within the
 * grace period). Start-up failures become one line with the fix (`describe-start-failure.ts`).
 */
export async function runServe(flags: ServeFlags, err: Terminal): Promise<number> {
  let running: Awaited<ReturnType<typeof startGateway>>;
  let config: Awaited<ReturnType<typeof loadGatewayConfig>> | undefined;
  try {
    config = await loadGatewayConfig(flags);
    running = await startGateway({ config });
  } catch (error) {
    throw describeStartFailure(error, { host: config?.host ?? flags.host ?? '', port: config?.port ?? 0 });
  }
  const upstreams = config.providers
    .map((provider) => `${provider.name} → ${provider.baseUrl} (${provider.api})`)
    .join(', ');
  // Listen for signals before saying we listen: a supervisor may send SIGTERM right after the line.
  const stopped = untilStopped(() => running.close(), err);
  err.line(
    `toolbridge gateway listening on ${err.style('bold', running.url)}  (OpenAI base URL: ${running.url}/v1)`,
  );
  const retention = config.retentionDays ? `${config.retentionDays} days` : 'forever';
  err.line(err.style('dim', `upstreams: ${upstreams}; store: ${config.store} (kept ${retention})`));
  await stopped;
  err.line('stopped.');
  return 0;
}

/** `toolbridge serve`: the OpenAI-compatible gateway. */
export const serveCommand: CommandSpec = {
  name: 'serve',
  summary: 'Start the OpenAI-compatible gateway',
  positionals: [],
  options: serveOptions,
  environment: true,
  examples: [
    'npx toolbridge serve --port 8787 --upstream https://api.openai.com/v1 --upstream-api responses --upstream-key-env OPENAI_API_KEY',
    'npx toolbridge serve --upstream http://127.0.0.1:11434/v1 --upstream-api chat --upstream-kind ollama --store :memory:',
    'npx toolbridge serve --config toolbridge.config.json --log-format pretty',
    'TOOLBRIDGE_UPSTREAM=https://api.openai.com/v1 TOOLBRIDGE_UPSTREAM_API=chat npx toolbridge serve',
  ],
  notes: [
    'Every option can also be set by the environment variable in brackets (for containers).\nPrecedence: flag > environment variable > config file > default.',
  ],
  // The values were checked against the config schema by the option table (serve-options.ts).
  run: ({ values, err }) => runServe(values as ServeFlags, err),
};
