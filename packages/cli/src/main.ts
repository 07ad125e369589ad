import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { CliError } from './cli-error.js';
import { checkSchemaCommand } from './commands/check-schema.js';
import { CONFORMANCE_HELP, conformanceCommand, parseConformanceArgs } from './commands/conformance.js';
import { convertCommand } from './commands/convert.js';
import { demoCommand } from './commands/demo.js';
import { serveCommand } from './commands/serve.js';
import { HELP } from './help.js';
import { createTerminal } from './output/terminal.js';

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
  model: { type: 'string' },
  api: { type: 'string' },
  json: { type: 'boolean' },
  verbose: { type: 'boolean' },
  fix: { type: 'boolean' },
  to: { type: 'string' },
  // serve: cassettes (docs/cassettes.md)
  record: { type: 'string' },
  replay: { type: 'string' },
  'replay-timing': { type: 'string' },
  redact: { type: 'string', multiple: true },
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

function defined<T extends Record<string, unknown>>(value: T): { [K in keyof T]?: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(value).filter(([, entry]) => entry !== undefined)) as {
    [K in keyof T]?: Exclude<T[K], undefined>;
  };
}

async function run(argv: string[]): Promise<number> {
  // `conformance` has a flag table of its own (its --json takes a FILE).
  if (argv[0] === 'conformance') {
    const options = parseConformanceArgs(argv.slice(1));
    if (options === null) {
      createTerminal(process.stdout).line(CONFORMANCE_HELP);
      return 0;
    }
    return conformanceCommand(options, {
      out: createTerminal(process.stdout),
      err: createTerminal(process.stderr),
    });
  }
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
          record: values.record,
          replay: values.replay,
          replayTiming: values['replay-timing'],
          redact: values.redact?.flatMap((entry) => entry.split(',')).filter(Boolean),
        }),
        err,
      );
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
