import {
  type AccessStore,
  ConfigError,
  createVirtualKey,
  describeKey,
  type KeyView,
  openAccessStore,
  parseBudget,
  parseExpires,
  readStoreLocation,
  StoreError,
} from '@toolbridge/gateway';
import { CliError } from '../cli-error.js';
import type { CommandInput, CommandSpec } from '../options/option-spec.js';
import type { Terminal } from '../output/terminal.js';

/** Where the keys live: the same `--store` / `--config` as `toolbridge serve`. */
interface StoreFlags {
  store?: string;
  config?: string;
}

/** `toolbridge keys create`: what the new key may do (docs/configuration.md#projects-keys-and-limits). */
export interface KeysCreateOptions extends StoreFlags {
  action: 'create';
  project: string;
  name?: string;
  /** Comma-separated model names, as given on the command line. */
  models?: string;
  rpm?: number;
  tpm?: number;
  /** `USD/PERIOD`, e.g. `50/month`. */
  budget?: string;
  /** A duration (`30d`) or an ISO date. */
  expires?: string;
}

/** `toolbridge keys list`: every key, or one project's. */
export interface KeysListOptions extends StoreFlags {
  action: 'list';
  project?: string;
}

/** `toolbridge keys revoke ID`. */
export interface KeysRevokeOptions extends StoreFlags {
  action: 'revoke';
  id: string;
}

/** Options of `keysCommand`: one of its actions, plus output. */
export type KeysOptions = (KeysCreateOptions | KeysListOptions | KeysRevokeOptions) & {
  json: boolean;
  out: Terminal;
  err: Terminal;
};

function usage(message: string): CliError {
  return new CliError(message, { exitCode: 2 });
}

async function openStore(flags: StoreFlags): Promise<AccessStore> {
  try {
    return await openAccessStore(await readStoreLocation(flags));
  } catch (error) {
    if (ConfigError.isInstance(error) || StoreError.isInstance(error))
      throw new CliError(error.message, { exitCode: 2, cause: error });
    throw error;
  }
}

function limits(view: KeyView): string {
  const parts = [
    view.models === null ? null : `models ${view.models.join(',')}`,
    view.rpm === null ? null : `${view.rpm} rpm`,
    view.tpm === null ? null : `${view.tpm} tpm`,
    view.budget === null ? null : `$${view.budget.usd}/${view.budget.period}`,
    view.expires_at === null ? null : `expires ${new Date(view.expires_at * 1000).toISOString()}`,
  ];
  return parts.filter((part) => part !== null).join(', ') || 'no limits';
}

async function create(store: AccessStore, options: KeysCreateOptions & KeysOptions): Promise<number> {
  const budget = options.budget === undefined ? null : parseBudget(options.budget);
  if (typeof budget === 'string') throw usage(`--budget: ${budget}`);
  const expiresAt = options.expires === undefined ? null : parseExpires(options.expires);
  if (typeof expiresAt === 'string') throw usage(`--expires: ${expiresAt}`);
  const models = options.models?.split(',').map((model) => model.trim()) ?? null;
  let created: Awaited<ReturnType<typeof createVirtualKey>>;
  try {
    created = await createVirtualKey(store, {
      project: options.project,
      name: options.name ?? null,
      models,
      rpm: options.rpm ?? null,
      tpm: options.tpm ?? null,
      budget,
      expiresAt,
    });
  } catch (error) {
    if (error instanceof RangeError) throw usage(error.message);
    throw error;
  }
  const view = await describeKey(store, created.record);
  if (options.json) {
    options.out.line(JSON.stringify({ ...view, key: created.key }));
  } else {
    // The key alone on stdout, so `KEY=$(toolbridge keys create …)` captures it; the rest on stderr.
    options.out.line(created.key);
    options.err.line(
      `created ${view.id} for project ${view.project} (${limits(view)}). Store the key now: only its hash is kept.`,
    );
  }
  return 0;
}

async function list(store: AccessStore, options: KeysListOptions & KeysOptions): Promise<number> {
  const records = await store.listKeys(options.project === undefined ? {} : { projectId: options.project });
  const views = await Promise.all(records.map((record) => describeKey(store, record)));
  if (options.json) {
    for (const view of views) options.out.line(JSON.stringify(view));
    return 0;
  }
  if (views.length === 0) options.err.line('no keys.');
  for (const view of views) {
    const name = view.name === null ? '' : ` "${view.name}"`;
    options.out.line(
      `${view.id}  ${view.project}${name}  ${view.status}  ${view.hint}  ${limits(view)}  spent $${view.spend.usd.toFixed(6)} (${view.spend.period})`,
    );
  }
  return 0;
}

async function revoke(store: AccessStore, options: KeysRevokeOptions & KeysOptions): Promise<number> {
  const revoked = await store.revokeKey(options.id, Math.floor(Date.now() / 1000));
  const record = await store.getKey(options.id);
  if (record === null)
    throw new CliError(`No key with id '${options.id}'. List them with toolbridge keys list.`);
  options.err.line(revoked ? `revoked ${options.id}.` : `${options.id} was already revoked.`);
  return 0;
}

/**
 * `toolbridge keys create|list|revoke`: manages virtual keys in the store `serve` uses (same
 * `--store`/`--config`). A new key is printed once; the store keeps only its SHA-256. Gateways
 * on SQLite see a change at once, on PostgreSQL within a second.
 */
export async function keysCommand(options: KeysOptions): Promise<number> {
  const store = await openStore(options);
  try {
    if (options.action === 'create') return await create(store, options);
    if (options.action === 'list') return await list(store, options);
    return await revoke(store, options);
  } finally {
    await store.close();
  }
}

/** The options `keys` takes, for each of its actions (`keys ACTION --help` lists them all). */
const keysOptions: CommandSpec['options'] = [
  {
    name: 'project',
    type: 'string',
    placeholder: 'P',
    description: 'create: the project the key acts for; list: only this project',
  },
  { name: 'name', type: 'string', placeholder: 'N', description: 'create: a label shown by keys list' },
  {
    name: 'models',
    type: 'string',
    placeholder: 'a,b',
    description: 'create: the only models the key may use (default any)',
  },
  {
    name: 'rpm',
    type: 'string',
    placeholder: 'N',
    parse: 'integer',
    description: 'create: requests per minute',
  },
  {
    name: 'tpm',
    type: 'string',
    placeholder: 'N',
    parse: 'integer',
    description: 'create: tokens per minute',
  },
  {
    name: 'budget',
    type: 'string',
    placeholder: 'USD/PERIOD',
    description: 'create: spend limit per day | week | month | total, e.g. 50/month',
  },
  {
    name: 'expires',
    type: 'string',
    placeholder: '30d|DATE',
    description: 'create: when the key stops working',
  },
  {
    name: 'store',
    type: 'string',
    placeholder: 'LOCATION',
    config: 'store',
    description: 'The gateway store (as for serve)',
  },
  {
    name: 'config',
    type: 'string',
    placeholder: 'FILE',
    description: 'The gateway config file (its "store" is used)',
  },
  { name: 'json', type: 'boolean', description: 'list: print JSON' },
];

/** Drops options that were not given (exactOptionalPropertyTypes). */
function given<T extends Record<string, unknown>>(value: T): { [K in keyof T]?: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(value).filter(([, entry]) => entry !== undefined)) as {
    [K in keyof T]?: Exclude<T[K], undefined>;
  };
}

/** The typed options of one `keys` action from the parsed command line. */
function keysInput({ values, positionals, out, err }: CommandInput): KeysOptions {
  const text = (key: string): string | undefined =>
    typeof values[key] === 'string' ? (values[key] as string) : undefined;
  const count = (key: string): number | undefined =>
    typeof values[key] === 'number' ? (values[key] as number) : undefined;
  const common = {
    ...given({ store: text('store'), config: text('config') }),
    json: values['json'] === true,
    out,
    err,
  };
  const [action, id] = positionals;
  if (action === 'create') {
    const project = text('project');
    if (project === undefined) throw usage('keys create needs --project NAME.');
    return {
      action,
      project,
      ...common,
      ...given({
        name: text('name'),
        models: text('models'),
        rpm: count('rpm'),
        tpm: count('tpm'),
        budget: text('budget'),
        expires: text('expires'),
      }),
    };
  }
  if (action === 'list') return { action, ...common, ...given({ project: text('project') }) };
  if (action === 'revoke' && id !== undefined) return { action, id, ...common };
  throw usage('Usage: toolbridge keys create --project P [options] | keys list | keys revoke ID.');
}

/** `toolbridge keys`: virtual keys in the gateway's store (docs/configuration.md#projects-keys-and-limits). */
export const keysSpec: CommandSpec = {
  name: 'keys',
  summary: 'Create, list and revoke virtual keys (projects, limits, budgets)',
  positionals: [
    { name: 'ACTION', required: true, description: 'create | list | revoke' },
    { name: 'ID', required: false, description: 'revoke: the key id keys list shows' },
  ],
  options: keysOptions,
  examples: [
    'npx toolbridge keys create --config toolbridge.config.json --project team-a --rpm 60 --budget 50/month',
    'npx toolbridge keys list --config toolbridge.config.json',
    'npx toolbridge keys revoke key_3f2a…',
  ],
  run: (input) => keysCommand(keysInput(input)),
};
