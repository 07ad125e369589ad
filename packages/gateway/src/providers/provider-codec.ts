import type { CanonicalRequest, CanonicalResponse, CanonicalStreamEvent, SseMessage } from '@toolbridge/core';
import type { ProviderConfig } from '../config/gateway-config.js';

/** Translates canonical turns to and from one upstream wire format. */
export interface ProviderCodec {
  /** Path appended to the provider's base URL. */
  path: string;
  /** The upstream request body, plus what the translation dropped or changed. */
  encodeRequest(
    request: CanonicalRequest,
    options: { model: string; stream: boolean },
  ): { body: string; adjustments: string[] };
  decodeResponse(bodyText: string): CanonicalResponse;
  /** Upstream SSE messages → canonical events, in the batches they arrive in (core `batches.ts`). */
  decodeStream(messages: AsyncIterable<readonly SseMessage[]>): AsyncIterable<CanonicalStreamEvent[]>;
}

/** Builds the codec for a provider from its `api` and capabilities. */
export type ProviderCodecFactory = (provider: ProviderConfig) => ProviderCodec;
