import { readFile } from 'node:fs/promises';
import { defaultPrices, type PriceTable, safeParseJson } from '@toolbridge/core';
import { gatewayDefaults } from '../defaults.js';
import { capabilityPresets, type ProviderKind } from '../providers/provider-capabilities.js';
import { type CassetteFlags, cassetteConfigOf, cassetteProviders } from './cassette-flags.js';
import { checkConfigValue } from './check-config-value.js';
import { ConfigError } from './config-error.js';
import { type ConfigFile, configFileSchema } from './config-file-schema.js';
import type { GatewayConfig, ProviderConfig, RouteConfig, ServerLimits } from './gateway-config.js';
import { readClientKeys } from './read-client-keys.js';

/** Command-line flags of `toolbridge serve` that shape the configuration. */
export interface ServeFlags extends CassetteFlags {
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
  headersTimeoutMs?: number;
  requestTimeoutMs?: number;
  keepAliveTimeoutMs?: number;
  maxConnections?: number;
  maxBufferedBodyBytes?: number;
  /** `Host` names to answer to (`*` = any). */
  allowedHosts?: string[];
  /** Browser origins given CORS headers. */
  corsOrigins?: string[];
  /** `json` or `pretty` (config `logFormat`). */
  logFormat?: string;
  /** Days a stored response is kept; 0 = forever (config `retentionDays`). */
  retentionDays?: number;
}

/** The flags that stand for a top-level config key of the same name, checked with that key's schema. */
const FLAG_KEYS = [
  'host',
  'port',
  'maxBodyBytes',
  'store',
  'logLevel',
  'logFormat',
  'retentionDays',
] as const;

function checkFlags(flags: ServeFlags): void {
  for (const key of FLAG_KEYS) {
    if (flags[key] === undefined) continue;
    const check = checkConfigValue(key, flags[key]);
    if (!check.ok) throw new ConfigError(`${key} ${check.message} (got ${JSON.stringify(flags[key])}).`);
  }
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

function defaultKind(baseUrl: string, api: ProviderFile['api']): ProviderKind {
  if (api === 'gemini') return 'gemini';
  if (api === 'anthropic') return 'anthropic';
  return new URL(baseUrl).hostname === 'api.openai.com' ? 'openai' : 'openai-compatible';
}

/** The environment variable a flag-configured upstream reads its key from when none is named. */
/** The conventional key variable of each upstream API, used when `--upstream-key-env` is not given. */
const CONVENTIONAL_KEY_ENV: Record<string, string> = {
  anthropic: 'ANTHROPIC_API_KEY',
  gemini: 'GEMINI_API_KEY',
};

function defaultKeyEnv(api: string, env: NodeJS.ProcessEnv): string | undefined {
  const name = CONVENTIONAL_KEY_ENV[api] ?? 'OPENAI_API_KEY';
  return env[name] ? name : undefined;
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
  const kind = file.kind ?? defaultKind(file.baseUrl, file.api);
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
    // vLLM reads `reasoning` only, since it dropped DeepSeek's `reasoning_content` (January 2026).
    reasoningField: file.reasoningField ?? (kind === 'vllm' ? 'reasoning' : 'reasoning_content'),
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
  if (
    flags.upstreamApi !== 'chat' &&
    flags.upstreamApi !== 'responses' &&
    flags.upstreamApi !== 'anthropic' &&
    flags.upstreamApi !== 'gemini'
  ) {
    throw new ConfigError(
      `--upstream-api must be "chat", "responses", "anthropic" or "gemini" (the format ${flags.upstream} speaks).`,
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
  const keyEnv = flags.upstreamKeyEnv ?? defaultKeyEnv(flags.upstreamApi, env);
  return { ...parsed.data, ...(keyEnv !== undefined ? { apiKeyEnv: keyEnv } : {}) };
}

/** Server limits from flags over the file; only the keys given (the rest keep `gatewayDefaults.server`). */
function serverLimits(flags: ServeFlags, file: ConfigFile): Partial<ServerLimits> {
  const limits = definedOnly({
    ...definedOnly(file.server ?? {}),
    ...definedOnly({
      headersTimeoutMs: flags.headersTimeoutMs,
      requestTimeoutMs: flags.requestTimeoutMs,
      keepAliveTimeoutMs: flags.keepAliveTimeoutMs,
      maxConnections: flags.maxConnections,
      maxBufferedBodyBytes: flags.maxBufferedBodyBytes,
    }),
  });
  for (const [key, value] of Object.entries(limits)) {
    if (!Number.isInteger(value) || value <= 0)
      throw new ConfigError(`server.${key} must be a positive integer.`);
  }
  const headers = limits.headersTimeoutMs ?? gatewayDefaults.server.headersTimeoutMs;
  const request = limits.requestTimeoutMs ?? gatewayDefaults.server.requestTimeoutMs;
  if (headers > request) {
    throw new ConfigError(
      `The headers timeout (${headers} ms) must not be longer than the request timeout (${request} ms), which includes it. Raise --request-timeout or lower --headers-timeout.`,
    );
  }
  return limits;
}

/** The browser-safety keys (`allowedHosts`, `cors`), flags over the file, absent when neither sets them. */
function browserKeys(flags: ServeFlags, file: ConfigFile): Pick<GatewayConfig, 'allowedHosts' | 'cors'> {
  const allowedHosts = flags.allowedHosts ?? file.allowedHosts;
  const origins = flags.corsOrigins ?? file.cors?.origins;
  for (const origin of origins ?? []) {
    if (!/^https?:\/\/[^/?#\s]+$/.test(origin))
      throw new ConfigError(
        `CORS origin '${origin}' is not scheme://host[:port], e.g. https://app.example.com.`,
      );
  }
  return {
    ...(allowedHosts === undefined ? {} : { allowedHosts: allowedHosts.map((host) => host.toLowerCase()) }),
    ...(origins === undefined ? {} : { cors: { origins } }),
  };
}

/** Builds the validated configuration from flags, an optional config file and the environment. */
export async function loadGatewayConfig(
  flags: ServeFlags,
  env: NodeJS.ProcessEnv = process.env,
): Promise<GatewayConfig> {
  checkFlags(flags);
  const file: ConfigFile =
    flags.config !== undefined ? await readConfigFile(flags.config) : { providers: {} };
  const fromFlags = flagsAsProvider(flags, env);
  const cassettes = cassetteConfigOf(flags);
  const providerFiles: Record<string, ProviderFile> = { ...file.providers };
  if (fromFlags) providerFiles['default'] = fromFlags;
  // `serve --replay DIR` alone: the providers the cassettes were recorded with (docs/cassettes.md).
  if (cassettes?.mode === 'replay' && Object.keys(providerFiles).length === 0)
    Object.assign(providerFiles, cassetteProviders(cassettes.dir));
  const providers = Object.entries(providerFiles).map(([name, entry]) => buildProvider(name, entry, env));
  if (providers.length === 0) {
    throw new ConfigError(
      'No upstream configured. Pass --upstream URL --upstream-api chat|responses|anthropic|gemini, or --config FILE with "providers". For an offline try-out run `toolbridge demo`.',
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
  const { apiKeys, projects, adminKey } = readClientKeys(file, env);
  const logLevel = flags.logLevel ?? file.logLevel ?? 'info';
  return {
    host: flags.host ?? file.host ?? gatewayDefaults.host,
    port: flags.port ?? file.port ?? gatewayDefaults.port,
    maxBodyBytes: flags.maxBodyBytes ?? file.maxBodyBytes ?? gatewayDefaults.maxBodyBytes,
    store: flags.store ?? file.store ?? gatewayDefaults.storeLocation,
    providers,
    routes,
    defaultProvider,
    apiKeys,
    projects,
    adminKey,
    enforcement: {
      repairRetries: file.enforcement?.repairRetries ?? gatewayDefaults.enforcement.repairRetries,
      parallelToolCalls: file.enforcement?.parallelToolCalls ?? gatewayDefaults.enforcement.parallelToolCalls,
    },
    maxToolNameLength: file.maxToolNameLength ?? 128,
    logLevel: logLevel as GatewayConfig['logLevel'],
    logFormat: (flags.logFormat ?? file.logFormat ?? gatewayDefaults.logFormat) as 'json' | 'pretty',
    retentionDays: flags.retentionDays ?? file.retentionDays ?? gatewayDefaults.retentionDays,
    prices: {
      ...defaultPrices,
      ...(file.prices === undefined ? {} : (definedOnlyPrices(file.prices) as PriceTable)),
    },
    server: serverLimits(flags, file),
    ...browserKeys(flags, file),
    ...(cassettes !== undefined ? { cassettes } : {}),
    metrics: file.metrics ?? gatewayDefaults.metrics,
  };
}

/** The admin keys `adminKeyEnv` names (comma-separated, like client keys); empty without it. */
