/**
 * Every behaviour-changing default of the gateway, in one place.
 */
export const gatewayDefaults = {
  host: '127.0.0.1',
  port: 8787,
  /**
   * Largest request body accepted; Responses tool outputs may be up to 10 MiB each
   * (docs/protocol/responses.md#input-items).
   */
  maxBodyBytes: 20 * 1024 * 1024,
  /**
   * Deepest JSON nesting accepted in a request body. Bodies are re-encoded for the upstream, and
   * re-encoding (like every recursive walk) must not exhaust the stack.
   */
  maxJsonDepth: 128,
  /** SQLite file used when neither --store nor the config names one. */
  storeLocation: './.toolbridge/toolbridge.db',
  upstream: {
    connectTimeoutMs: 10_000,
    /** Until the upstream's response headers arrive. Reasoning models can think for a while. */
    firstByteTimeoutMs: 120_000,
    /** Longest silence between two chunks of an upstream body. */
    idleTimeoutMs: 60_000,
    /** Retries of a failed upstream call before any byte reached the client. */
    retries: 2,
    retryBaseDelayMs: 250,
    /** A `retry-after` longer than this is not waited for: the 429 goes to the client. */
    maxRetryAfterMs: 10_000,
    /** Keep-alive connections per upstream origin. */
    connections: 128,
    /**
     * Largest non-streaming upstream answer read into memory (a streamed one is bounded by core's
     * `streamLimits` as it is decoded). Above the 16 MiB of text core allows, plus the JSON around it.
     */
    maxResponseBytes: 64 * 1024 * 1024,
  },
  enforcement: {
    /** Re-asks of the upstream for a call that broke the rules (strict schema, unknown name, tool_choice). */
    repairRetries: 2,
    /** What to do with extra calls when parallel_tool_calls is false and the upstream has no switch. */
    parallelToolCalls: 'keep-first' as 'keep-first' | 'error',
  },
  /** Maximum length of a previous_response_id chain. */
  maxChainDepth: 1_000,
  /** How long SIGINT/SIGTERM waits for in-flight requests before aborting them. */
  shutdownGraceMs: 10_000,
  /**
   * Prometheus metrics on by default: counting costs well under a microsecond per request, and an
   * operator expects `/metrics`. `"metrics": false` turns them off (the bench compares both).
   */
  metrics: true,
  /** How often the trace viewer polls for new traffic (its "live" list). */
  uiPollMs: 2_000,
} as const;
