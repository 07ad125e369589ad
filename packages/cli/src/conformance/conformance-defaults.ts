/** Every behaviour-changing default of `toolbridge conformance`, in one place. */
export const conformanceDefaults = {
  /** A small, cheap model name; any name works against the gateway's default provider. */
  model: 'gpt-5.4-mini',
  /** Per request: long enough for a slow model's first call, short enough to finish "in a minute". */
  requestTimeoutMs: 60_000,
  /** Cases in flight at once: fast against a real server, gentle on its rate limits. */
  concurrency: 4,
  /** Largest answer read per request; a conformance answer is a few KB. */
  maxBodyBytes: 8 * 1024 * 1024,
  /** Characters of a non-JSON body, or of a value in the evidence, kept in the report. */
  maxEvidenceChars: 2_000,
} as const;
