import { z } from 'zod';

const capabilities = z
  .object({
    nativeStrict: z.boolean(),
    nativeAllowedTools: z.boolean(),
    parallelToolCallsSwitch: z.boolean(),
    nativeToolChoice: z.boolean(),
    stateful: z.boolean(),
    streamUsage: z.boolean(),
  })
  .partial()
  .strict();

const provider = z
  .object({
    baseUrl: z.string().url(),
    api: z.enum(['chat', 'responses']),
    kind: z.enum(['openai', 'openai-compatible', 'vllm', 'ollama', 'llama.cpp']).optional(),
    apiKeyEnv: z.string().min(1).optional(),
    headers: z.record(z.string(), z.string()).optional(),
    models: z.array(z.string().min(1)).optional(),
    capabilities: capabilities.optional(),
    maxTokensField: z.enum(['max_completion_tokens', 'max_tokens']).optional(),
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

/** The JSON config file (`--config toolbridge.config.json`); every key optional except providers. */
export const configFileSchema = z
  .object({
    $schema: z.string().optional(),
    host: z.string().min(1).optional(),
    port: z.number().int().min(0).max(65_535).optional(),
    maxBodyBytes: z.number().int().positive().optional(),
    store: z.string().min(1).optional(),
    providers: z.record(z.string().regex(/^[A-Za-z0-9_.-]+$/), provider),
    routes: z.array(route).optional(),
    defaultProvider: z.string().min(1).optional(),
    apiKeysEnv: z.string().min(1).optional(),
    enforcement: z
      .object({
        repairRetries: z.number().int().min(0).max(5),
        parallelToolCalls: z.enum(['keep-first', 'error']),
      })
      .partial()
      .strict()
      .optional(),
    maxToolNameLength: z.union([z.literal(64), z.literal(128)]).optional(),
    logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).optional(),
    prices: z.record(z.string().min(1), price).optional(),
    /** Environment variable holding the admin key(s) for /metrics and /ui (docs/observability.md#access). */
    adminKeyEnv: z.string().min(1).optional(),
    /** false turns Prometheus metrics off (docs/observability.md#metrics). */
    metrics: z.boolean().optional(),
  })
  .strict();

export type ConfigFile = z.infer<typeof configFileSchema>;
