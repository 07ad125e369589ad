import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { CliError } from '../cli-error.js';
import { apiAdapters } from '../conformance/api-adapters.js';
import { conformanceDefaults } from '../conformance/conformance-defaults.js';
import { loadCorpus } from '../conformance/load-corpus.js';
import { printScorecard, summaryLine } from '../conformance/print-scorecard.js';
import { runConformance } from '../conformance/run-conformance.js';
import type { CommandSpec } from '../options/option-spec.js';
import type { Terminal } from '../output/terminal.js';

/** The options of `toolbridge conformance`, as parsed from its flags. */
export interface ConformanceOptions {
  /** The API base URL to score, e.g. `http://127.0.0.1:8787/v1`. */
  baseUrl: string;
  /** Which APIs' cases to run: adapter ids (`chat`, `responses`). */
  apis: string[];
  model: string;
  /** The environment variable holding the endpoint's key; none means no Authorization header. */
  keyEnv?: string | undefined;
  /** Where to write the JSON report (`-` for stdout). */
  json?: string | undefined;
  /** Case ids or areas to run; all when empty. */
  only: string[];
  /** Extra corpus files (`.json` or `.jsonl`). */
  cases: string[];
  concurrency: number;
}

/** The flag table of `toolbridge conformance` (node:util parseArgs). */
export const CONFORMANCE_FLAGS = {
  help: { type: 'boolean', short: 'h' },
  'base-url': { type: 'string' },
  api: { type: 'string' },
  model: { type: 'string' },
  'key-env': { type: 'string' },
  json: { type: 'string' },
  only: { type: 'string', multiple: true },
  cases: { type: 'string', multiple: true },
  concurrency: { type: 'string' },
} as const;

/** `toolbridge conformance --help`. */
export const CONFORMANCE_HELP = `toolbridge conformance — score an endpoint's function calling against the protocol

Usage: toolbridge conformance --base-url URL [options]

  --base-url URL       The API base URL, e.g. http://127.0.0.1:8000/v1 (required)
  --api API            chat | responses | both (default both)
  --model M            Model to ask (default ${conformanceDefaults.model})
  --key-env VAR        Send the key in environment variable VAR as a Bearer token (never printed)
  --json FILE          Also write the report as JSON (- for stdout; the scorecard then goes to stderr)
  --only IDS           Case ids or areas, comma-separated (repeatable), e.g. --only 24,25,strict
  --cases FILE         Add a corpus file (.json or .jsonl; repeatable); see docs/conformance.md
  --concurrency N      Cases in flight at once (default ${conformanceDefaults.concurrency})

Exit status: 0 when no case failed, 1 when one did, 2 for a usage error.
Example: toolbridge conformance --base-url http://127.0.0.1:11434/v1 --api chat --model qwen3:8b
`;

function list(values: readonly string[] | undefined): string[] {
  return (values ?? [])
    .flatMap((value) => value.split(','))
    .map((value) => value.trim())
    .filter(Boolean);
}

function parseApis(value: string | undefined): string[] {
  const apis = value === undefined || value === 'both' ? ['chat', 'responses'] : list([value]);
  const unknown = apis.filter((api) => !apiAdapters.has(api));
  if (apis.length === 0 || unknown.length > 0)
    throw new CliError(
      `--api must be both or one of ${[...apiAdapters.keys()].join(', ')} (got '${value}').`,
      { exitCode: 2 },
    );
  return apis;
}

/** Parses the flags after `toolbridge conformance`; null when `--help` was asked for. */
export function parseConformanceArgs(argv: string[]): ConformanceOptions | null {
  const { values, positionals } = parseArgs({
    args: argv,
    options: CONFORMANCE_FLAGS,
    allowPositionals: true,
    strict: true,
  });
  if (values.help === true) return null;
  if (positionals.length > 0)
    throw new CliError(
      `conformance takes no arguments (got '${positionals[0]}'). See toolbridge conformance --help.`,
      { exitCode: 2 },
    );
  return conformanceOptionsOf(values);
}

/** The parsed flag values of `conformance`, by flag name; lists may come as one comma-separated text. */
interface ConformanceValues {
  'base-url'?: string | undefined;
  api?: string | undefined;
  model?: string | undefined;
  'key-env'?: string | undefined;
  json?: string | undefined;
  only?: string | readonly string[] | undefined;
  cases?: string | readonly string[] | undefined;
  concurrency?: string | undefined;
}

/** Checks the flag values and fills in the defaults (both `main.ts` and {@link parseConformanceArgs}). */
export function conformanceOptionsOf(values: ConformanceValues): ConformanceOptions {
  const asList = (value: string | readonly string[] | undefined): string[] =>
    list(typeof value === 'string' ? [value] : value);
  if (values['base-url'] === undefined)
    throw new CliError('conformance needs --base-url URL, e.g. http://127.0.0.1:8787/v1.', { exitCode: 2 });
  const concurrency =
    values.concurrency === undefined ? conformanceDefaults.concurrency : Number(values.concurrency);
  if (!Number.isInteger(concurrency) || concurrency < 1)
    throw new CliError(`--concurrency must be a positive integer (got '${values.concurrency}').`, {
      exitCode: 2,
    });
  return {
    baseUrl: values['base-url'],
    apis: parseApis(values.api),
    model: values.model ?? conformanceDefaults.model,
    keyEnv: values['key-env'],
    json: values.json,
    only: asList(values.only),
    cases: asList(values.cases),
    concurrency,
  };
}

function readKey(keyEnv: string | undefined, env: NodeJS.ProcessEnv): string | null {
  if (keyEnv === undefined) return null;
  const key = env[keyEnv];
  if (key === undefined || key === '')
    throw new CliError(`--key-env names ${keyEnv}, which is not set. Export it first (export ${keyEnv}=…).`, {
      exitCode: 2,
    });
  return key;
}

/**
 * `toolbridge conformance`: runs the corpus (built-in plus `--cases` files) against `--base-url`,
 * prints the scorecard and, with `--json`, writes the report. Exit 1 when a case failed.
 */
export async function conformanceCommand(
  options: ConformanceOptions,
  io: { out: Terminal; err: Terminal; env?: NodeJS.ProcessEnv },
): Promise<number> {
  const apiKey = readKey(options.keyEnv, io.env ?? process.env);
  const corpus = await loadCorpus({ files: options.cases });
  const toStdout = options.json === '-';
  const screen = toStdout ? io.err : io.out;
  const report = await screen.spin('running the conformance corpus…', () =>
    runConformance({
      target: { baseUrl: options.baseUrl, apiKey },
      model: options.model,
      apis: options.apis,
      only: options.only,
      corpus,
      concurrency: options.concurrency,
    }),
  );
  printScorecard(screen, report);
  const json = `${JSON.stringify(report, null, 2)}\n`;
  if (toStdout) io.out.line(json.trimEnd());
  else if (options.json !== undefined) {
    try {
      await writeFile(options.json, json);
    } catch (error) {
      throw new CliError(`Cannot write the report to ${options.json}: ${(error as Error).message}`, {
        cause: error,
      });
    }
    screen.line(screen.style('dim', `report written to ${options.json} (${summaryLine(report)})`));
  }
  return report.summary.failed > 0 ? 1 : 0;
}

/** `toolbridge conformance`, as listed in `command-table.ts` (docs/conformance.md). */
export const conformanceSpec: CommandSpec = {
  name: 'conformance',
  summary: "Score an endpoint's function calling against the protocol (a corpus of cases)",
  positionals: [],
  options: [
    {
      name: 'base-url',
      type: 'string',
      placeholder: 'URL',
      description: 'The API base URL to score, e.g. http://127.0.0.1:8787/v1 (required)',
    },
    { name: 'api', type: 'string', placeholder: 'API', description: 'chat | responses | both (default)' },
    {
      name: 'model',
      type: 'string',
      placeholder: 'MODEL',
      description: `Model to ask (default ${conformanceDefaults.model})`,
    },
    {
      name: 'key-env',
      type: 'string',
      placeholder: 'VAR',
      description: 'Environment variable holding the endpoint key (default: none sent)',
    },
    {
      name: 'json',
      type: 'string',
      placeholder: 'FILE',
      description: 'Write the JSON report to FILE (- for stdout)',
    },
    {
      name: 'only',
      type: 'string',
      placeholder: 'IDS',
      description: 'Case ids or areas to run, comma-separated',
    },
    {
      name: 'cases',
      type: 'string',
      placeholder: 'FILES',
      description: 'More corpus files (.json or .jsonl), comma-separated',
    },
    {
      name: 'concurrency',
      type: 'string',
      placeholder: 'N',
      description: `Cases run at once (default ${conformanceDefaults.concurrency})`,
    },
  ],
  examples: [
    'npx toolbridge conformance --base-url http://127.0.0.1:8787/v1',
    'npx toolbridge conformance --base-url https://api.example.com/v1 --key-env EXAMPLE_KEY --model m --json report.json',
  ],
  run: ({ values, out, err, env }) => {
    // The option table stores values under camelCase keys (`baseUrl`); the checks read flag names.
    const text = (key: string): string | undefined =>
      typeof values[key] === 'string' ? (values[key] as string) : undefined;
    const flags: ConformanceValues = {
      'base-url': text('baseUrl'),
      api: text('api'),
      model: text('model'),
      'key-env': text('keyEnv'),
      json: text('json'),
      only: text('only'),
      cases: text('cases'),
      concurrency: text('concurrency'),
    };
    return conformanceCommand(conformanceOptionsOf(flags), { out, err, env });
  },
};
