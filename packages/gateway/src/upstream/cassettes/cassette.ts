import { z } from 'zod';

/** The format version written into every cassette; a reader refuses versions it does not know. */
export const CASSETTE_VERSION = 1 as const;

const frameSchema = z
  .object({
    /** Milliseconds after the response headers arrived. */
    atMs: z.number().nonnegative(),
    event: z.string().optional(),
    /** The `data:` payload, parsed: most payloads are JSON and read better that way. */
    data: z.unknown().optional(),
    /** The `data:` payload as text, when it was not JSON (`[DONE]`, a cut-off chunk). */
    text: z.string().optional(),
  })
  .strict();

/**
 * One upstream exchange as written to disk (docs/cassettes.md#the-cassette-format): the request
 * the gateway sent (no headers, so no key), and the response, whole or as timed stream frames.
 */
export const cassetteSchema = z
  .object({
    toolbridgeCassette: z.literal(CASSETTE_VERSION),
    recordedAt: z.string(),
    provider: z
      .object({
        name: z.string(),
        api: z.enum(['chat', 'responses', 'anthropic', 'gemini']),
        kind: z.string(),
        baseUrl: z.string(),
      })
      .strict(),
    /** The canonical request's key (a hash), for humans and grep; matching recomputes it. */
    key: z.string(),
    /** The `--redact` fields removed before writing; the same are ignored when matching. */
    redacted: z.array(z.string()),
    request: z
      .object({ method: z.literal('POST'), path: z.string(), stream: z.boolean(), body: z.unknown() })
      .strict(),
    response: z
      .object({
        status: z.number().int(),
        headers: z.record(z.string(), z.string()),
        /** Milliseconds until the response headers arrived. */
        headersMs: z.number().nonnegative(),
        body: z.unknown().optional(),
        text: z.string().optional(),
        frames: z.array(frameSchema).optional(),
        /** Why a stream broke off after these frames (replayed as the same failure). */
        error: z.string().optional(),
      })
      .strict(),
  })
  .strict();

/** A cassette file's content. */
export type Cassette = z.infer<typeof cassetteSchema>;
/** One recorded stream frame. */
export type CassetteFrame = z.infer<typeof frameSchema>;
