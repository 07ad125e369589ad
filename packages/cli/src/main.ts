import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { parseArgs } from 'node:util';
import { CliError } from './cli-error.js';
import { checkSchemaCommand } from './commands/check-schema.js';
import { convertCommand } from './commands/convert.js';
import { demoCommand } from './commands/demo.js';
import type { KeysOptions } from './commands/keys.js';
import { keysCommand } from './commands/keys.js';
import { serveCommand } from './commands/serve.js';
import { HELP } from './help.js';
import { createTerminal, type Terminal } from './output/terminal.js';

const OPTIONS = {
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
  port: { type: 'string' },
  host: { type: 'string' },
  upstream: { type: 'string' },
  'upstream-api': { type: 'string' },
  'upstream-key-env': { type: 'string' },
  'upstream-kind': { type: 'string' },
  store: { type: 'string' },
  config: { type: 'string' },
  'log-level': { type: 'string' },
  'max-body-bytes': { type: 'string' },
  'headers-timeout': { type: 'string' },
  'request-timeout': { type: 'string' },
  'keep-alive-timeout': { type: 'string' },
  'max-connections': { type: 'string' },
  'max-buffered-bytes': { type: 'string' },
  'allowed-hosts': { type: 'string' },
  'cors-origins': { type: 'string' },
  model: { type: 'string' },
  api: { type: 'string' },
  json: { type: 'boolean' },
  verbose: { type: 'boolean' },
  fix: { type: 'boolean' },
  to: { type: 'string' },
  project: { type: 'string' },
  name: { type: 'string' },
  models: { type: 'string' },
  rpm: { type: 'string' },
  tpm: { type: 'string' },
  budget: { type: 'string' },
  expires: { type: 'string' },
  workers: { type: 'string' },
} as const;

/** The version in the installed package.json (dist/ and src/ are both one level below it). */
function packageVersion(): string {
  const manifest = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
    version: string;
  };
  return manifest.version;
}

function integer(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 0)
    throw new CliError(`${flag} must be a non-negative integer (got '${value}').`, { exitCode: 2 });
  return parsed;
}

/** A comma-separated flag value as a list (spaces around entries ignored). */
function list(value: string | undefined): string[] | undefined {
  if (value === undefined) return undefined;
  return value
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
}

function defined<T extends Record<string, unknown>>(value: T): { [K in keyof T]?: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(value).filter(([, entry]) => entry !== undefined)) as {
    [K in keyof T]?: Exclude<T[K], undefined>;
  };
}

/** `--workers N|auto` of serve: null (one process, no cluster) when absent. */
function parseWorkers(value: string | undefined): number | null {
  if (value === undefined) return null;
  if (value === 'auto') return availableParallelism();
  const count = integer(value, '--workers');
  if (count === undefined || count < 1)
    throw new CliError('--workers must be auto or a number of at least 1.', { exitCode: 2 });
  return count;
}

/** The typed options of `toolbridge keys ACTION` from the parsed flags. */
function keysOptions(
  rest: string[],
  values: { [K in keyof typeof OPTIONS]?: string | boolean | undefined },
  out: Terminal,
  err: Terminal,
): KeysOptions {
  const text = (flag: keyof typeof OPTIONS): string | undefined =>
    typeof values[flag] === 'string' ? (values[flag] as string) : undefined;
  const common = {
    ...defined({ store: text('store'), config: text('config') }),
    json: values.json === true,
    out,
    err,
  };
  const [action, id] = rest;
  if (action === 'create') {
    const project = text('project');
    if (project === undefined) throw new CliError('keys create needs --project NAME.', { exitCode: 2 });
    return {
      action,
      project,
      ...common,
      ...defined({
        name: text('name'),
        models: text('models'),
        rpm: integer(text('rpm'), '--rpm'),
        tpm: integer(text('tpm'), '--tpm'),
        budget: text('budget'),
        expires: text('expires'),
      }),
    };
  }
  if (action === 'list') return { action, ...common, ...defined({ project: text('project') }) };
  if (action === 'revoke' && id !== undefined) return { action, id, ...common };
  throw new CliError('Usage: toolbridge keys create --project P [options] | keys list | keys revoke ID.', {
    exitCode: 2,
  });
}

async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    options: OPTIONS,
    allowPositionals: true,
    strict: true,
  });
  const out = createTerminal(process.stdout);
  const err = createTerminal(process.stderr);
  const [command, ...rest] = positionals;
  if (values.version) {
    out.line(`toolbridge ${packageVersion()}`);
    return 0;
  }
  if (values.help || command === undefined || command === 'help') {
    out.line(HELP);
    return command === undefined && !values.help ? 2 : 0;
  }
  const upstream = defined({
    upstream: values.upstream,
    upstreamApi: values['upstream-api'],
    upstreamKeyEnv: values['upstream-key-env'],
    upstreamKind: values['upstream-kind'],
  });
  switch (command) {
    case 'serve':
      return serveCommand(
        defined({
          ...upstream,
          host: values.host,
          port: integer(values.port, '--port'),
          store: values.store,
          config: values.config,
          logLevel: values['log-level'],
          maxBodyBytes: integer(values['max-body-bytes'], '--max-body-bytes'),
          headersTimeoutMs: integer(values['headers-timeout'], '--headers-timeout'),
          requestTimeoutMs: integer(values['request-timeout'], '--request-timeout'),
          keepAliveTimeoutMs: integer(values['keep-alive-timeout'], '--keep-alive-timeout'),
          maxConnections: integer(values['max-connections'], '--max-connections'),
          maxBufferedBodyBytes: integer(values['max-buffered-bytes'], '--max-buffered-bytes'),
          allowedHosts: list(values['allowed-hosts']),
          corsOrigins: list(values['cors-origins']),
        }),
        err,
        { workers: parseWorkers(values.workers) },
      );
    case 'keys':
      return keysCommand(keysOptions(rest, values, out, err));
    case 'demo':
      return demoCommand({
        ...upstream,
        ...defined({ model: values.model, api: values.api }),
        json: values.json === true,
        verbose: values.verbose === true,
        out,
        err,
      });
    case 'check-schema':
    case 'convert': {
      const file = rest[0];
      if (file === undefined)
        throw new CliError(`${command} needs a FILE (or - for stdin). See toolbridge --help.`, {
          exitCode: 2,
        });
      if (command === 'convert') return convertCommand({ file, to: values.to, out, err });
      return checkSchemaCommand({ file, fix: values.fix === true, json: values.json === true, out, err });
    }
    default:
      throw new CliError(`Unknown command '${command}'. Run toolbridge --help for the list.`, {
        exitCode: 2,
      });
  }
}

/** The CLI entry point: returns the process exit code; errors are printed as one clear line. */
export async function main(argv: string[]): Promise<number> {
  try {
    return await run(argv);
  } catch (error) {
    if (CliError.isInstance(error)) {
      process.stderr.write(`toolbridge: ${error.message}\n`);
      return error.exitCode;
    }
    if (error instanceof TypeError && (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      process.stderr.write(`toolbridge: ${error.message}. Run toolbridge --help.\n`);
      return 2;
    }
    throw error;
  }
}
