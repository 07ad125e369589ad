import { readFile } from 'node:fs/promises';
import { defaultPrices, type PriceTable, safeParseJson } from '@toolbridge/core';
import { gatewayDefaults } from '../defaults.js';
import { capabilityPresets, type ProviderKind } from '../providers/provider-capabilities.js';
import { ConfigError } from './config-error.js';
import { type ConfigFile, configFileSchema } from './config-file-schema.js';
import type { GatewayConfig, ProviderConfig, RouteConfig } from './gateway-config.js';

/** Command-line flags of `toolbridge serve` that shape the configuration. */
export interface ServeFlags {
  host?: string;
  port?: number;
  upstream?: string;
  upstreamApi?: string;
  upstreamKeyEnv?: string;
  upstreamKind?: string;
  store?: string;
  config?: string;
  logLevel?: string;
  maxBodyBytes?: number;
}

type ProviderFile = ConfigFile['providers'][string];

/** Drops keys whose value is undefined (zod's partial objects carry them under exactOptionalPropertyTypes). */
function definedOnly<T extends object>(value: T): { [K in keyof T]?: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(value).filter(([, entry]) => entry !== undefined)) as {
    [K in keyof T]?: Exclude<T[K], undefined>;
  };
}

/** Prices from the file without the keys zod leaves undefined. */
function definedOnlyPrices(prices: NonNullable<ConfigFile['prices']>): Record<string, object> {
  return Object.fromEntries(Object.entries(prices).map(([model, entry]) => [model, definedOnly(entry)]));
}

function defaultKind(baseUrl: string): ProviderKind {
  return new URL(baseUrl).hostname === 'api.openai.com' ? 'openai' : 'openai-compatible';
}

function resolveKey(
  name: string,
  file: ProviderFile,
  env: NodeJS.ProcessEnv,
): { apiKeyEnv: string | null; apiKey: string | null } {
  if (file.apiKeyEnv !== undefined) {
    const value = env[file.apiKeyEnv];
    if (value === undefined || value === '') {
      throw new ConfigError(
        `Provider '${name}' reads its key from the environment variable ${file.apiKeyEnv}, which is not set. Export it (export ${file.apiKeyEnv}=sk-…) or remove "apiKeyEnv" for an upstream that needs no key.`,
      );
    }
    return { apiKeyEnv: file.apiKeyEnv, apiKey: value };
  }
  return { apiKeyEnv: null, apiKey: null };
}

function buildProvider(name: string, file: ProviderFile, env: NodeJS.ProcessEnv): ProviderConfig {
  const kind = file.kind ?? defaultKind(file.baseUrl);
  const upstream = gatewayDefaults.upstream;
  return {
    name,
    baseUrl: file.baseUrl.replace(/\/+$/, ''),
    api: file.api,
    kind,
    capabilities: { ...capabilityPresets[kind], ...definedOnly(file.capabilities ?? {}) },
    ...resolveKey(name, file, env),
    headers: file.headers ?? {},
    models: file.models ?? [],
    maxTokensField: file.maxTokensField ?? 'max_completion_tokens',
    timeouts: {
      connectMs: file.timeouts?.connectMs ?? upstream.connectTimeoutMs,
      firstByteMs: file.timeouts?.firstByteMs ?? upstream.firstByteTimeoutMs,
      idleMs: file.timeouts?.idleMs ?? upstream.idleTimeoutMs,
    },
    retries: file.retries ?? upstream.retries,
  };
}

async function readConfigFile(path: string): Promise<ConfigFile> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new ConfigError(`Cannot read the config file ${path}: ${(error as Error).message}.`, {
      cause: error,
    });
  }
  const parsed = safeParseJson(text);
  if (!parsed.success)
    throw new ConfigError(`The config file ${path} is not valid JSON: ${parsed.error.message}.`);
  const result = configFileSchema.safeParse(parsed.value);
  if (!result.success) {
    const problems = result.error.issues.map(
      (issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`,
    );
    throw new ConfigError(`The config file ${path} is invalid:\n  - ${problems.join('\n  - ')}`);
  }
  return result.data;
}

function flagsAsProvider(flags: ServeFlags, env: NodeJS.ProcessEnv): ProviderFile | null {
  if (flags.upstream === undefined) {
    if (flags.upstreamApi !== undefined) throw new ConfigError('--upstream-api needs --upstream URL.');
    return null;
  }
  if (flags.upstreamApi !== 'chat' && flags.upstreamApi !== 'responses') {
    throw new ConfigError(
      `--upstream-api must be "chat" or "responses" (the format ${flags.upstream} speaks).`,
    );
  }
  const parsed = configFileSchema.shape.providers.valueType.safeParse({
    baseUrl: flags.upstream,
    api: flags.upstreamApi,
    ...(flags.upstreamKind !== undefined ? { kind: flags.upstreamKind } : {}),
  });
  if (!parsed.success) {
    throw new ConfigError(
      `--upstream/--upstream-kind: ${parsed.error.issues.map((issue) => issue.message).join('; ')}`,
    );
  }
  const keyEnv = flags.upstreamKeyEnv ?? (env['OPENAI_API_KEY'] ? 'OPENAI_API_KEY' : undefined);
  return { ...parsed.data, ...(keyEnv !== undefined ? { apiKeyEnv: keyEnv } : {}) };
}

/** Builds the validated configuration from flags, an optional config file and the environment. */
export async function loadGatewayConfig(
  flags: ServeFlags,
  env: NodeJS.ProcessEnv = process.env,
): Promise<GatewayConfig> {
  const file: ConfigFile =
    flags.config !== undefined ? await readConfigFile(flags.config) : { providers: {} };
  const fromFlags = flagsAsProvider(flags, env);
  const providerFiles: Record<string, ProviderFile> = { ...file.providers };
  if (fromFlags) providerFiles['default'] = fromFlags;
  const providers = Object.entries(providerFiles).map(([name, entry]) => buildProvider(name, entry, env));
  if (providers.length === 0) {
    throw new ConfigError(
      'No upstream configured. Pass --upstream URL --upstream-api chat|responses, or --config FILE with "providers". For an offline try-out run `toolbridge demo`.',
    );
  }
  const names = new Set(providers.map((provider) => provider.name));
  const routes: RouteConfig[] = (file.routes ?? []).map((route) => definedOnly(route) as RouteConfig);
  for (const route of routes) {
    if (!names.has(route.provider)) {
      throw new ConfigError(
        `A route names provider '${route.provider}', which is not under "providers" (known: ${[...names].join(', ')}).`,
      );
    }
  }
  const defaultProvider = fromFlags
    ? 'default'
    : (file.defaultProvider ?? (providers.length === 1 ? (providers[0]?.name ?? null) : null));
  if (defaultProvider !== null && !names.has(defaultProvider)) {
    throw new ConfigError(`"defaultProvider" is '${defaultProvider}', which is not under "providers".`);
  }
  const apiKeys =
    file.apiKeysEnv !== undefined ? (env[file.apiKeysEnv] ?? '').split(',').filter(Boolean) : [];
  if (file.apiKeysEnv !== undefined && apiKeys.length === 0) {
    throw new ConfigError(
      `"apiKeysEnv" names ${file.apiKeysEnv}, which is empty: set it to a comma-separated list of client keys.`,
    );
  }
  const adminKeys = readAdminKeys(file, env);
  const logLevel = flags.logLevel ?? file.logLevel ?? 'info';
  if (!['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].includes(logLevel)) {
    throw new ConfigError(`--log-level must be one of fatal, error, warn, info, debug, trace, silent.`);
  }
  return {
    host: flags.host ?? file.host ?? gatewayDefaults.host,
    port: flags.port ?? file.port ?? gatewayDefaults.port,
    maxBodyBytes: flags.maxBodyBytes ?? file.maxBodyBytes ?? gatewayDefaults.maxBodyBytes,
    store: flags.store ?? file.store ?? gatewayDefaults.storeLocation,
    providers,
    routes,
    defaultProvider,
    apiKeys,
    enforcement: {
      repairRetries: file.enforcement?.repairRetries ?? gatewayDefaults.enforcement.repairRetries,
      parallelToolCalls: file.enforcement?.parallelToolCalls ?? gatewayDefaults.enforcement.parallelToolCalls,
    },
    maxToolNameLength: file.maxToolNameLength ?? 128,
    logLevel: logLevel as GatewayConfig['logLevel'],
    prices: {
      ...defaultPrices,
      ...(file.prices === undefined ? {} : (definedOnlyPrices(file.prices) as PriceTable)),
    },
    metrics: file.metrics ?? gatewayDefaults.metrics,
    adminKeys,
  };
}

/** The admin keys `adminKeyEnv` names (comma-separated, like client keys); empty without it. */
function readAdminKeys(file: ConfigFile, env: NodeJS.ProcessEnv): string[] {
  if (file.adminKeyEnv === undefined) return [];
  const keys = (env[file.adminKeyEnv] ?? '').split(',').filter(Boolean);
  if (keys.length === 0) {
    throw new ConfigError(
      `"adminKeyEnv" names ${file.adminKeyEnv}, which is empty: set it to the admin key for /metrics and /ui.`,
    );
  }
  return keys;
}
