import { availableParallelism } from 'node:os';
import { loadGatewayConfig, redactUrl, type ServeFlags, serveGateway } from '@toolbridge/gateway';
import { CliError } from '../cli-error.js';
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

/** `--workers N|auto`: null (one process, no cluster) when absent. */
function parseWorkers(value: unknown): number | null {
  if (value === undefined) return null;
  if (value === 'auto') return availableParallelism();
  const count = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : 0;
  if (count < 1) throw new CliError('--workers must be auto or a number of at least 1.', { exitCode: 2 });
  return count;
}

/** SIGHUP on the primary of `--workers`: replace the workers one at a time. */
function reloadOnHangup(running: { reload(): Promise<void>; workerPids(): number[] }, err: Terminal): void {
  process.on('SIGHUP', () => {
    err.line('SIGHUP: replacing workers one at a time…');
    running.reload().then(
      () => err.line(`workers replaced: ${running.workerPids().join(', ')}`),
      (error: unknown) => err.line(`reload stopped, old workers keep serving: ${(error as Error).message}`),
    );
  });
}

/**
 * Loads the configuration (flags and environment, then an optional config file), opens the store,
 * listens, prints the URL, and stops cleanly on SIGINT/SIGTERM (in-flight requests finish within the
 * grace period). With `--workers N` this process manages N workers (docs/configuration.md#workers); a
 * worker runs this same command and only serves. Start-up failures become one line with the fix
 * (`describe-start-failure.ts`).
 */
export async function runServe(
  flags: ServeFlags,
  err: Terminal,
  workers: number | null = null,
): Promise<number> {
  let served: Awaited<ReturnType<typeof serveGateway>>;
  let config: Awaited<ReturnType<typeof loadGatewayConfig>> | undefined;
  try {
    config = await loadGatewayConfig(flags);
    served = await serveGateway({
      config,
      workers,
      onEvent: (message) => err.line(err.style('dim', message)),
    });
  } catch (error) {
    throw describeStartFailure(error, { host: config?.host ?? flags.host ?? '', port: config?.port ?? 0 });
  }
  // A worker serves until its primary tells it to stop.
  if (served === null) return new Promise<number>(() => undefined);
  const running = served;
  const upstreams = config.providers
    .map((provider) => `${provider.name} → ${redactUrl(provider.baseUrl)} (${provider.api})`)
    .join(', ');
  // Listen for signals before saying we listen: a supervisor may send SIGTERM right after the line.
  const stopped = untilStopped(() => running.close(), err);
  if (running.role === 'primary') reloadOnHangup(running, err);
  err.line(
    `toolbridge gateway listening on ${err.style('bold', running.url)}  (OpenAI base URL: ${running.url}/v1)`,
  );
  const retention = config.retentionDays ? `${config.retentionDays} days` : 'forever';
  const processes = running.role === 'primary' ? `; workers: ${running.workerPids().join(', ')}` : '';
  err.line(
    err.style('dim', `upstreams: ${upstreams}; store: ${config.store} (kept ${retention})${processes}`),
  );
  const { cassettes } = config;
  if (cassettes !== undefined) {
    err.line(
      cassettes.mode === 'record'
        ? `recording every upstream exchange to ${cassettes.dir}`
        : `replaying from ${cassettes.dir} (${cassettes.timing}); upstreams are never called`,
    );
  }
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
  run: ({ values, err }) => {
    const { workers, ...flags } = values;
    return runServe(flags as ServeFlags, err, parseWorkers(workers));
  },
};
