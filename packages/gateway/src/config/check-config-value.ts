import { configFileSchema } from './config-file-schema.js';

const providerShape = configFileSchema.shape.providers.valueType.shape;
const serverShape = configFileSchema.shape.server.unwrap().shape;
const corsShape = configFileSchema.shape.cors.unwrap().shape;

/**
 * A config-file key that a flag or an environment variable can stand for: a top-level key, or
 * `provider.<key>` for a key of one provider. Spelled out rather than derived from the zod schema so
 * that the package's declarations do not pull zod's types into every user's type-check (that doubled
 * its time); `SchemaKeys` below keeps the list honest. A flag for a new config key adds it here.
 */
export type ConfigValueKey =
  | 'host'
  | 'port'
  | 'maxBodyBytes'
  | 'store'
  | 'defaultProvider'
  | 'apiKeysEnv'
  | 'maxToolNameLength'
  | 'logLevel'
  | 'logFormat'
  | 'retentionDays'
  | 'allowedHosts'
  | 'server.headersTimeoutMs'
  | 'server.requestTimeoutMs'
  | 'server.keepAliveTimeoutMs'
  | 'server.maxConnections'
  | 'server.maxBufferedBodyBytes'
  | 'cors.origins'
  | 'provider.baseUrl'
  | 'provider.api'
  | 'provider.kind'
  | 'provider.apiKeyEnv'
  | 'provider.maxTokensField'
  | 'provider.retries';

type SchemaKeys =
  | Exclude<keyof typeof configFileSchema.shape, 'providers'>
  | `provider.${keyof typeof providerShape}`
  | `server.${keyof typeof serverShape}`
  | `cors.${keyof typeof corsShape}`;
// Compile-time check: every listed key exists in the schema (a typo or a removed key fails the build).
const listedKeysExist: ConfigValueKey extends SchemaKeys ? true : never = true;
void listedKeysExist;

/** The outcome of {@link checkConfigValue}: the parsed value, or what is wrong with it. */
export type ConfigValueCheck = { ok: true; value: unknown } | { ok: false; message: string };

/**
 * Checks one value against the config file's schema for `key`, so a command-line flag or an
 * environment variable is held to the same rule, with the same message, as the config key it
 * stands for (docs/configuration.md#flags-and-environment-variables).
 */
export function checkConfigValue(key: ConfigValueKey, value: unknown): ConfigValueCheck {
  const [section, field] = key.split('.') as [string, string | undefined];
  const schema =
    field === undefined
      ? configFileSchema.shape[key as Exclude<SchemaKeys, `${string}.${string}`>]
      : section === 'provider'
        ? providerShape[field as keyof typeof providerShape]
        : section === 'server'
          ? serverShape[field as keyof typeof serverShape]
          : corsShape[field as keyof typeof corsShape];
  const result = schema.safeParse(value);
  if (result.success) return { ok: true, value: result.data };
  return { ok: false, message: [...new Set(result.error.issues.map((issue) => issue.message))].join('; ') };
}
