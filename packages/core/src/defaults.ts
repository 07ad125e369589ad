/**
 * Every behaviour-changing default of `@toolbridge/core`, in one place.
 * Where a value comes from OpenAI, the docs/protocol page that says so is named next to it.
 */
export const coreDefaults = {
  /**
   * Tool name maximum length; OpenAI's schema documents 64, current OpenAI accepts 128
   * (docs/protocol/tools.md#names).
   */
  maxToolNameLength: 128,
  /** Maximum number of tools per request (docs/protocol/tools.md#how-many-tools). */
  maxTools: 128,
  /** Strict-schema size limits, current docs (docs/protocol/strict-mode.md#size-limits). */
  strictSchemaLimits: {
    maxDepth: 10,
    maxProperties: 5_000,
    maxStringBudget: 120_000,
    maxEnumValues: 1_000,
    largeEnumThreshold: 250,
    largeEnumMaxChars: 15_000,
  },
  /** Stream accumulation limits: wire data is hostile, so every size, depth and count is bounded. */
  streamLimits: {
    /** Bytes of one tool call's arguments. */
    maxArgumentBytes: 1_048_576,
    /** JSON nesting depth of one call's parsed arguments. */
    maxArgumentDepth: 64,
    /**
     * Tool calls per choice; the Node SDK rejects index ≥ 128
     * (docs/protocol/chat-completions.md#streaming, rule 5).
     */
    maxToolCalls: 128,
    /** Bytes of text content in one response. */
    maxTextBytes: 16_777_216,
  },
  /** Levels of `$ref` inlined when a schema goes to Gemini's OpenAPI-subset `parameters`; recursion is cut there. */
  geminiLegacyRefDepth: 8,
  /** Compiled argument validators kept in memory. */
  validatorCacheSize: 512,
  /**
   * Longest string a `format` check (email, hostname, date-time…) runs on; longer strings fail at once.
   * Every valid value is far shorter (an email address is at most 254 characters, a hostname 253), and
   * the bound keeps the format regexes' backtracking small (docs/protocol/strict-mode.md#patterns).
   */
  maxFormatInputLength: 320,
} as const;
