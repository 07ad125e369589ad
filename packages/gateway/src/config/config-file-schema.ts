import { isIP } from 'node:net';
import { z } from 'zod';
import { PROJECT_NAME } from '../access/project-name.js';

// One message per key, whatever was wrong with the value: `toolbridge serve` checks its flags and
// environment variables with these same schemas, so `--port 99999`, TOOLBRIDGE_PORT=99999 and
// `"port": 99999` are all reported alike (docs/configuration.md).
const PORT = 'must be a whole number from 0 to 65535 (0 picks a free port)';
const HOST = 'must be an IP address (127.0.0.1, 0.0.0.0, ::1) or a host name such as localhost';
const POSITIVE_BYTES = 'must be a whole number of bytes, at least 1';
const HTTP_URL = 'must be an http:// or https:// URL, for example https://api.openai.com/v1';
const RETENTION = 'must be a whole number of days from 0 to 36500 (0 keeps responses forever)';

/** A DNS name: dot-separated labels of letters, digits and hyphens, the last one not all digits. */
const HOST_NAME =
  /^(?=.{1,253}$)([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)*[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/;

/** An address `server.listen` can bind: an IPv4/IPv6 literal or a host name (not `999.1.1.1`). */
function isListenHost(value: string): boolean {
  if (isIP(value) !== 0) return true;
  return HOST_NAME.test(value) && !/^\d+$/.test(value.slice(value.lastIndexOf('.') + 1));
}

function isHttpUrl(value: string): boolean {
  if (!URL.canParse(value)) return false;
  const { protocol, hostname } = new URL(value);
  return (protocol === 'http:' || protocol === 'https:') && hostname !== '';
}

const capabilities = z
  .object({
    nativeStrict: z.boolean(),
    nativeAllowedTools: z.boolean(),
    parallelToolCallsSwitch: z.boolean(),
    nativeToolChoice: z.boolean(),
    stateful: z.boolean(),
    streamUsage: z.boolean(),
    nativeCompaction: z.boolean(),
    encryptedReasoning: z.boolean(),
  })
  .partial()
  .strict();

const provider = z
  .object({
    baseUrl: z.string({ error: HTTP_URL }).refine(isHttpUrl, { error: HTTP_URL }),
    api: z.enum(['chat', 'responses', 'anthropic', 'gemini']),
    kind: z
      .enum(['openai', 'openai-compatible', 'vllm', 'ollama', 'llama.cpp', 'anthropic', 'gemini'])
      .optional(),
    apiKeyEnv: z.string().min(1).optional(),
    headers: z.record(z.string(), z.string()).optional(),
    models: z.array(z.string().min(1)).optional(),
    capabilities: capabilities.optional(),
    maxTokensField: z.enum(['max_completion_tokens', 'max_tokens']).optional(),
    reasoningField: z.enum(['reasoning_content', 'reasoning']).optional(),
    timeouts: z
      .object({
        connectMs: z.number().int().positive(),
        firstByteMs: z.number().int().positive(),
        idleMs: z.number().int().positive(),
      })
      .partial()
      .strict()
      .optional(),
    retries: z.number().int().min(0).max(10).optional(),
  })
  .strict();

const route = z
  .object({
    model: z.string().min(1).optional(),
    prefix: z.string().min(1).optional(),
    provider: z.string().min(1),
    upstreamModel: z.string().min(1).optional(),
  })
  .strict()
  .refine((value) => (value.model === undefined) !== (value.prefix === undefined), {
    message: 'a route needs exactly one of "model" or "prefix"',
  });

/** USD per one million tokens for one model (docs/configuration.md#prices). */
const price = z
  .object({
    input: z.number().nonnegative(),
    output: z.number().nonnegative(),
    cachedInput: z.number().nonnegative().optional(),
  })
  .strict();

/** The HTTP server's limits (docs/configuration.md#server-limits); defaults in `gatewayDefaults.server`. */
const server = z
  .object({
    headersTimeoutMs: z.number().int().positive(),
    requestTimeoutMs: z.number().int().positive(),
    keepAliveTimeoutMs: z.number().int().positive(),
    maxConnections: z.number().int().positive(),
    maxBufferedBodyBytes: z.number().int().positive(),
  })
  .partial()
  .strict();

/** A browser origin: scheme, host and optional port, nothing else (docs/configuration.md#browsers). */
const origin = z
  .string()
  .regex(/^https?:\/\/[^/?#\s]+$/, 'an origin is scheme://host[:port], e.g. https://app.example.com');

/** The JSON config file (`--config toolbridge.config.json`); every key optional except providers. */
export const configFileSchema = z
  .object({
    $schema: z.string().optional(),
    host: z.string({ error: HOST }).refine(isListenHost, { error: HOST }).optional(),
    port: z
      .number({ error: PORT })
      .int({ error: PORT })
      .min(0, { error: PORT })
      .max(65_535, { error: PORT })
      .optional(),
    maxBodyBytes: z
      .number({ error: POSITIVE_BYTES })
      .int({ error: POSITIVE_BYTES })
      .positive({ error: POSITIVE_BYTES })
      .optional(),
    store: z.string().min(1).optional(),
    providers: z.record(z.string().regex(/^[A-Za-z0-9_.-]+$/), provider),
    routes: z.array(route).optional(),
    defaultProvider: z.string().min(1).optional(),
    apiKeysEnv: z.string().min(1).optional(),
    /** Keys grouped into named projects (docs/configuration.md#projects-keys-and-limits). */
    projects: z
      .record(z.string().regex(PROJECT_NAME), z.object({ keysEnv: z.string().min(1) }).strict())
      .optional(),
    /** Environment variable holding the key of the admin API (`/admin/keys`). */
    adminKeyEnv: z.string().min(1).optional(),
    enforcement: z
      .object({
        repairRetries: z.number().int().min(0).max(5),
        parallelToolCalls: z.enum(['keep-first', 'error']),
      })
      .partial()
      .strict()
      .optional(),
    maxToolNameLength: z.union([z.literal(64), z.literal(128)]).optional(),
    logLevel: z
      .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
        error: 'must be one of fatal, error, warn, info, debug, trace, silent',
      })
      .optional(),
    /** `json` (default): one JSON object per line; `pretty`: short coloured lines for a terminal. */
    logFormat: z.enum(['json', 'pretty'], { error: 'must be json or pretty' }).optional(),
    /** Stored responses older than this many days are deleted (docs/configuration.md#retention). */
    retentionDays: z
      .number({ error: RETENTION })
      .int({ error: RETENTION })
      .min(0, { error: RETENTION })
      .max(36_500, { error: RETENTION })
      .optional(),
    prices: z.record(z.string().min(1), price).optional(),
    server: server.optional(),
    allowedHosts: z.array(z.string().min(1)).optional(),
    cors: z
      .object({ origins: z.array(origin) })
      .strict()
      .optional(),
    /** false turns Prometheus metrics off (docs/observability.md#metrics). */
    metrics: z.boolean().optional(),
  })
  .strict();

export type ConfigFile = z.infer<typeof configFileSchema>;
