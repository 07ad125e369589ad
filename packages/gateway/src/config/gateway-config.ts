import type { PriceTable } from '@toolbridge/core';
import type { ProviderCapabilities, ProviderKind } from '../providers/provider-capabilities.js';

/** One upstream as configured. */
export interface ProviderConfig {
  name: string;
  /** Base URL including the version path, e.g. `https://api.openai.com/v1`. */
  baseUrl: string;
  /** Which OpenAI format the upstream speaks. */
  api: 'chat' | 'responses';
  /** Capability preset; `openai-compatible` when omitted (or `openai` for api.openai.com). */
  kind: ProviderKind;
  capabilities: ProviderCapabilities;
  /** Name of the environment variable that holds the upstream key. */
  apiKeyEnv: string | null;
  /** The key itself, resolved from `apiKeyEnv` at start; never logged. */
  apiKey: string | null;
  headers: Record<string, string>;
  /** Models this provider serves (for routing by exact name and for GET /v1/models). */
  models: string[];
  maxTokensField: 'max_completion_tokens' | 'max_tokens';
  timeouts: { connectMs: number; firstByteMs: number; idleMs: number };
  retries: number;
}

/** A routing rule: an exact model name or a prefix, to a provider, optionally renaming the model. */
export interface RouteConfig {
  model?: string;
  prefix?: string;
  provider: string;
  upstreamModel?: string;
}

/** The whole, validated gateway configuration. */
export interface GatewayConfig {
  host: string;
  port: number;
  maxBodyBytes: number;
  /** `:memory:`, a SQLite file path, or a `postgres://` URL. */
  store: string;
  providers: ProviderConfig[];
  routes: RouteConfig[];
  /** Provider for models no rule matches; null → 404 model_not_found. */
  defaultProvider: string | null;
  /** Bearer keys clients must present; empty → no authentication (bind to loopback). */
  apiKeys: string[];
  enforcement: { repairRetries: number; parallelToolCalls: 'keep-first' | 'error' };
  maxToolNameLength: number;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** USD per million tokens by model: core's defaults with the config file's entries on top. */
  prices: PriceTable;
  /** Prometheus metrics at `GET /metrics` (default true; false turns the collection off). */
  metrics?: boolean;
  /** Keys for the admin surfaces (`/metrics`, `/ui`), from `adminKeyEnv`; never logged. */
  adminKeys?: string[];
}
