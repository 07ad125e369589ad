import type {
  CanonicalRequest,
  CanonicalResponse,
  CanonicalStreamEvent,
  CanonicalUsage,
  JsonObject,
  SseMessage,
} from '@toolbridge/core';
import type { ProviderConfig } from '../config/gateway-config.js';

/** An upstream's error body read into the OpenAI envelope's fields (missing ones are null). */
export interface UpstreamErrorFields {
  message: string;
  type: string | null;
  param: string | null;
  code: string | null;
  /**
   * The HTTP status the error really means, when the upstream's own status misleads (Gemini answers
   * an invalid key with 400 `API_KEY_INVALID`: a credential problem, not the client's request).
   */
  status?: number;
  /** A retry delay the upstream put in the body rather than in a `retry-after` header. */
  retryAfterMs?: number | null;
}

/** One upstream request, encoded: where it goes (below the provider's base URL) and its body. */
export interface EncodedUpstreamRequest {
  /** Path and query appended to the provider's base path, e.g. `/chat/completions`. */
  path: string;
  body: string;
  /** What the translation dropped or changed (for `x-toolbridge-adjusted`). */
  adjustments: string[];
}

/** What a decoder may need to know about the request its answer belongs to. */
export interface DecodeContext {
  /** The model the request was sent to (Gemini binds thought signatures to the model family). */
  model: string;
}

/** An upstream's answer to a compaction request: its output items verbatim, and its usage. */
export interface UpstreamCompaction {
  output: JsonObject[];
  usage: CanonicalUsage | null;
}

/**
 * Translates canonical turns to and from one upstream wire format. This is the seam every provider
 * plugs into (see CONTRIBUTING.md, "Adding a provider"): shared code only ever calls these methods.
 */
export interface ProviderCodec {
  encodeRequest(
    request: CanonicalRequest,
    options: { model: string; stream: boolean },
  ): EncodedUpstreamRequest;
  /** Headers that carry the upstream key (and any version header the API requires). */
  authHeaders(apiKey: string): Record<string, string>;
  decodeResponse(bodyText: string, context?: DecodeContext): CanonicalResponse;
  /** Upstream SSE messages → canonical events, in the batches they arrive in (core `batches.ts`). */
  decodeStream(
    messages: AsyncIterable<readonly SseMessage[]>,
    context?: DecodeContext,
  ): AsyncIterable<CanonicalStreamEvent[]>;
  /** Reads a non-2xx body of this upstream into the error fields. */
  readError(bodyText: string): UpstreamErrorFields;
  /**
   * The upstream's own compaction request (docs/open-responses.md#compaction), for a format that has one;
   * used when the provider declares `nativeCompaction`.
   */
  encodeCompact?(request: CanonicalRequest, options: { model: string }): EncodedUpstreamRequest;
  /** Reads the answer to {@link encodeCompact}. */
  decodeCompact?(bodyText: string): UpstreamCompaction;
  /**
   * Shown an upstream's refusal of a request this codec encoded: true when what was refused is something
   * the codec added on its own for a model that turned out not to have it (a Responses upstream's
   * `include: ["reasoning.encrypted_content"]` for a model without reasoning), and the codec has stopped
   * adding it for that model. The caller then encodes and sends the request once more.
   */
  learnFromRefusal?(
    error: { status: number; param: string | null; message: string },
    options: { model: string },
  ): boolean;
}

/** Builds the codec for a provider from its `api` and capabilities. */
export type ProviderCodecFactory = (provider: ProviderConfig) => ProviderCodec;
