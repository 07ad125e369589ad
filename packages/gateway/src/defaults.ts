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
  /**
   * The HTTP server's own limits (docs/configuration.md#server-limits). Every client-controlled wait and
   * every byte a client can make the gateway hold is bounded, so idle or half-finished connections cannot
   * exhaust file descriptors or memory (SECURITY.md).
   */
  server: {
    /**
     * Until a request's headers are complete; also closes a connection that sends nothing. 30 s is far
     * above any real client's header time, and keeps a half-sent request from holding a socket past a minute.
     */
    headersTimeoutMs: 30_000,
    /**
     * Until the whole request, body included, has arrived. A 20 MiB body needs 1.5 Mbit/s to make it; a
     * stalled upload is dropped instead of held. It does not limit the response, which may stream for long.
     */
    requestTimeoutMs: 120_000,
    /** An idle keep-alive connection is closed after this; above the 60 s most load balancers use. */
    keepAliveTimeoutMs: 65_000,
    /**
     * Open client connections; one more is answered 503 and closed. Each request may also hold an upstream
     * socket, so this stays well below the common 1,024 file-descriptor limit.
     */
    maxConnections: 512,
    /**
     * Request-body bytes held at once across all requests still being read; past it a body is refused
     * with 503. Five full-size bodies fit; 40 clients stalling mid-upload cannot grow memory past it.
     */
    maxBufferedBodyBytes: 100 * 1024 * 1024,
    /**
     * How often Node checks the header and request timeouts; a timed-out request is closed within
     * timeout + this. Capped at a quarter of the headers timeout when that is shorter (tests).
     */
    timeoutCheckIntervalMs: 1_000,
    /** A connection refused for the connection limit is destroyed after this if the client keeps it open. */
    refusedLingerMs: 2_000,
  },
  /** Host names accepted in `Host` when the gateway is bound to a loopback address (DNS rebinding). */
  loopbackHosts: ['localhost', '127.0.0.1', '[::1]', '::1'] as readonly string[],
  /** SQLite file used when neither --store nor the config names one. */
  storeLocation: './.toolbridge/toolbridge.db',
  /**
   * Days a stored response is kept before the retention sweep deletes it (0 = forever). OpenAI keeps
   * Responses for 30 days by default, so clients see the same `previous_response_id` lifetime through
   * the gateway as without it, and the default SQLite file stops growing without bound.
   */
  retentionDays: 30,
  logging: {
    /** Log bytes collected before one write: a busy gateway pays one write per chunk. */
    chunkBytes: 8_192,
    /**
     * Longest a log line waits for its chunk to fill: someone tailing the log of a quiet gateway sees
     * each request within a quarter second; at most four extra writes a second when busy.
     */
    flushIntervalMs: 250,
  },
  /** Log lines as JSON (for collectors); `pretty` is opt-in for a terminal. */
  logFormat: 'json' as 'json' | 'pretty',
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
  /** Anthropic Messages upstreams (docs/protocol/anthropic.md). */
  anthropic: {
    /** The `anthropic-version` header the Messages API requires; the version the official SDK sends. */
    version: '2023-06-01',
    /**
     * `max_tokens` when the client sets no output limit: Anthropic requires one and OpenAI has none.
     * 4096 fits every current Claude model's output limit; a thinking budget is added on top.
     */
    maxTokens: 4096,
    /** Extended-thinking `budget_tokens` per OpenAI reasoning effort (1024 is Anthropic's minimum). */
    thinkingBudgets: { minimal: 1024, low: 1024, medium: 4096, high: 16_384, xhigh: 32_768 },
  },
  enforcement: {
    /** Re-asks of the upstream for a call that broke the rules (strict schema, unknown name, tool_choice). */
    repairRetries: 2,
    /** What to do with extra calls when parallel_tool_calls is false and the upstream has no switch. */
    parallelToolCalls: 'keep-first' as 'keep-first' | 'error',
  },
  cassettes: {
    /**
     * `serve --replay` plays streams as fast as the client reads: tests want speed and the same
     * result every time; `--replay-timing real` keeps the recorded pace.
     */
    replayTiming: 'fast' as 'real' | 'fast',
  },
  /** Maximum length of a previous_response_id chain. */
  maxChainDepth: 1_000,
  /** How long SIGINT/SIGTERM waits for in-flight requests before aborting them. */
  shutdownGraceMs: 10_000,
  limits: {
    /** How often finished per-minute rate windows are deleted from the store. */
    sweepIntervalMs: 60_000,
    /** Rate windows younger than this stay (the current and the previous minute, with slack). */
    keepRateWindowsSeconds: 180,
  },
  cluster: {
    /** A worker that dies before it listens is started again after this pause (a bad config must not spin). */
    restartDelayMs: 1_000,
    /** How long the primary waits for a worker to listen before it gives up on it. */
    startTimeoutMs: 30_000,
  },
  /** `POST /v1/responses/compact` on upstreams without native compaction (docs/open-responses.md#compaction). */
  compaction: {
    /**
     * The request that ends the summarising turn. It asks for a summary another turn can continue from
     * without the original messages: facts, decisions, open tasks and tool results.
     */
    prompt:
      'Summarise the conversation above so that it can be continued without it. Keep every fact, name, ' +
      'number, decision, tool result and open task that a later turn may need; leave out pleasantries. ' +
      'Write the summary only, in the language of the conversation.',
    /**
     * Marks `encrypted_content` the gateway wrote itself (base64url JSON after it). Anything else is an
     * upstream's own compaction, passed on only to an upstream that reads it back.
     */
    contentPrefix: 'toolbridge-compaction-v1.',
    /** Heads the summary when a compaction item becomes an assistant message again. */
    summaryHeading: 'Summary of the earlier conversation:',
  },
  /** WebSocket mode of `/v1/responses` (docs/open-responses.md#websocket-mode). */
  websocket: {
    /** The spec's connection limit; at it the server sends `websocket_connection_limit_reached`. */
    maxConnectionMs: 60 * 60 * 1000,
    /** Largest `response.create` message accepted (the same bound as an HTTP body). */
    maxMessageBytes: 20 * 1024 * 1024,
    /** `response.create` messages queued behind the running one before the server refuses more. */
    maxQueuedMessages: 16,
  },
  /**
   * Prometheus metrics on by default: counting costs well under a microsecond per request, and an
   * operator expects `/metrics`. `"metrics": false` turns them off (the bench compares both).
   */
  metrics: true,
  /** How often the trace viewer polls for new traffic (its "live" list). */
  uiPollMs: 2_000,
} as const;
