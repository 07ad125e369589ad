/**
 * Every behaviour-changing default of the scripted upstream in one place, so tests,
 * the demo and the benchmark can see what "no option given" means.
 */
export const SCRIPTED_UPSTREAM_DEFAULTS = {
  /** Loopback only: the double must never be reachable from the network by accident. */
  host: '127.0.0.1',
  /** 0 = let the OS pick a free port. */
  port: 0,
  /** Model ids listed by `GET /v1/models`; completions echo whatever model the request named. */
  models: ['scripted-model'] as readonly string[],
  /** Request bodies above this size get a 413 envelope. */
  maxBodyBytes: 16 * 1024 * 1024,
  /** Chat messages / Responses input items accepted per request. */
  maxEntries: 100_000,
  /** OpenAI's documented tool-count limit (docs/protocol/tools.md#how-many-tools). */
  maxTools: 128,
  /** Pieces a streamed argument string or text answer is split into (`#fragments=N`). */
  fragments: 8,
  /** Upper bound for `#fragments=N`. */
  maxFragments: 10_000,
  /** Upper bound for `#delay=MS` and `#first-byte-delay=MS`. */
  maxDelayMs: 120_000,
  /** Characters per token in the deterministic usage estimate. */
  charsPerToken: 4,
  /** Share of input tokens reported as cached when the request's prefix was seen before. */
  cachedShare: 0.5,
  /** Distinct prefixes remembered before the cache is cleared (bounds memory). */
  prefixCacheEntries: 10_000,
  /** Keep idle keep-alive sockets this long (load generators reuse connections). */
  keepAliveTimeoutMs: 65_000,
  /** Schema nesting followed when building arguments; deeper parts become null/empty. */
  maxSchemaDepth: 16,
  /** Below this depth arrays get one element; deeper arrays get their minimum length. */
  arrayElementDepth: 4,
  /** Thinking tokens a `gemini-3*` model reports on the Gemini routes (fixed: usage stays deterministic). */
  geminiThoughtTokens: 8,
  /** `RetryInfo.retryDelay` of the Gemini routes' 429 (`#error=429`). */
  geminiRetryDelay: '1s',
  /** Delay between chunks of a fixed SSE transcript; 0 = whole transcript in one write. */
  fixedChunkDelayMs: 0,
} as const;
