/**
 * Every behaviour-changing default of `@toolbridge/core`, in one place (HOUSE-STYLE §5).
 * Sources are in the spec sections named next to each value.
 */
export const coreDefaults = {
  /** Tool name maximum length; S1 documents 64, current OpenAI accepts 128 (spec §1.3). */
  maxToolNameLength: 128,
  /** Maximum number of tools per request (spec §1.4). */
  maxTools: 128,
  /** Strict-schema size limits, current docs (spec §7.4). */
  strictSchemaLimits: {
    maxDepth: 10,
    maxProperties: 5_000,
    maxStringBudget: 120_000,
    maxEnumValues: 1_000,
    largeEnumThreshold: 250,
    largeEnumMaxChars: 15_000,
  },
  /** Stream accumulation limits for hostile streams (HOUSE-STYLE §9). */
  streamLimits: {
    /** Bytes of one tool call's arguments. */
    maxArgumentBytes: 1_048_576,
    /** JSON nesting depth of one call's parsed arguments. */
    maxArgumentDepth: 64,
    /** Tool calls per choice; the Node SDK rejects index ≥ 128 (spec §3.3 rule 5). */
    maxToolCalls: 128,
    /** Bytes of text content in one response. */
    maxTextBytes: 16_777_216,
  },
  /** Levels of `$ref` inlined when a schema goes to Gemini's OpenAPI-subset `parameters`; recursion is cut there. */
  geminiLegacyRefDepth: 8,
  /** Compiled argument validators kept in memory. */
  validatorCacheSize: 512,
} as const;
