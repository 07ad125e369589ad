import type { PriceTable } from '@toolbridge/core';
import type { ProviderCapabilities, ProviderKind } from '../providers/provider-capabilities.js';

/** One upstream as configured. */
export interface ProviderConfig {
  name: string;
  /** Base URL including the version path, e.g. `https://api.openai.com/v1`. */
  baseUrl: string;
  /**
   * Which wire format the upstream speaks: OpenAI Chat Completions or Responses, Anthropic Messages,
   * or Gemini generateContent.
   */
  api: 'chat' | 'responses' | 'anthropic' | 'gemini';
  /**
   * Capability preset; when omitted `anthropic` / `gemini` for those APIs, `openai` for
   * api.openai.com, else `openai-compatible`.
   */
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
  /**
   * Chat upstreams: the assistant-message field that carries reasoning text back to the upstream
   * (docs/protocol/chat-completions.md#reasoning). Default `reasoning_content`; `reasoning` for kind `vllm`.
   */
  reasoningField?: 'reasoning_content' | 'reasoning';
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

/** The HTTP server's connection, timeout and body limits (docs/configuration.md#server-limits). */
export interface ServerLimits {
  headersTimeoutMs: number;
  /** Until the whole request (body included) has arrived. */
  requestTimeoutMs: number;
  keepAliveTimeoutMs: number;
  maxConnections: number;
  /** Request-body bytes held at once across every request still being read. */
  maxBufferedBodyBytes: number;
}

/** A named project and the client keys that act for it (docs/configuration.md#projects-keys-and-limits). */
export interface ProjectConfig {
  name: string;
  keys: string[];
}

/** Record or replay upstream exchanges as cassettes (docs/cassettes.md). */
export interface CassetteConfig {
  /** `record`: call upstreams and write every exchange; `replay`: answer from cassettes only. */
  mode: 'record' | 'replay';
  dir: string;
  /** Replay streams at the recorded pace or as fast as the client reads. */
  timing: 'real' | 'fast';
  /** Fields removed before writing (key names, or JSON pointers starting with `/`). */
  redact: string[];
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
  /**
   * Bearer keys clients must present, each its own project; with `projects` and `adminKey` empty
   * too → no authentication (bind to loopback).
   */
  apiKeys: string[];
  /** Keys grouped into named projects (config `projects`). */
  projects: ProjectConfig[];
  /** Key of the admin API (`/admin/keys`), from `adminKeyEnv`; null → no admin API. */
  adminKey: string | null;
  enforcement: { repairRetries: number; parallelToolCalls: 'keep-first' | 'error' };
  maxToolNameLength: number;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** `json` lines (default) or `pretty` lines for a terminal; absent = `json`. */
  logFormat?: 'json' | 'pretty';
  /**
   * Stored responses older than this many days are deleted on a schedule; 0 or absent keeps them
   * forever (`loadGatewayConfig` fills in `gatewayDefaults.retentionDays`).
   */
  retentionDays?: number;
  /** USD per million tokens by model: core's defaults with the config file's entries on top. */
  prices: PriceTable;
  /** Overrides of `gatewayDefaults.server`; absent keys keep their defaults. */
  server?: Partial<ServerLimits>;
  /**
   * `Host` header names accepted (lower case, no port; `*` accepts any). Absent: the loopback names when
   * bound to a loopback address, any host otherwise (docs/configuration.md#browsers).
   */
  allowedHosts?: string[];
  /** Browser origins allowed to call the gateway with CORS; absent: none (no CORS headers at all). */
  cors?: { origins: string[] };
  /** `serve --record` / `--replay`; absent: upstreams are called as usual. */
  cassettes?: CassetteConfig;
  /** Prometheus metrics at `GET /metrics` (default true; false turns the collection off). */
  metrics?: boolean;
}
