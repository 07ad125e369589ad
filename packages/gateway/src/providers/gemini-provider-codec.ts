import {
  type CanonicalResponse,
  type CanonicalStreamEvent,
  CoreError,
  canonicalToGeminiRequest,
  decodeGeminiChunkBatches,
  type GeminiSchemaField,
  geminiChunkBatchesToCanonical,
  geminiResponseToCanonical,
  readGeminiError,
  safeParseJson,
} from '@toolbridge/core';
import type { ProviderConfig } from '../config/gateway-config.js';
import { GatewayError } from '../errors/gateway-error.js';
import type { ProviderCodec, UpstreamErrorFields } from './provider-codec.js';

/** A bare model id, or `models/…` / `tunedModels/…` as Google writes them; nothing that could escape the path. */
const BARE_MODEL = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
const PREFIXED_MODEL = /^(models|tunedModels)\/[A-Za-z0-9][A-Za-z0-9._-]*$/;
/** Statuses Gemini uses for a key or project that is not allowed: the gateway's credentials, not the client's request. */
const CREDENTIAL_STATUSES = new Set(['UNAUTHENTICATED', 'PERMISSION_DENIED']);

/** `/models/{model}` for the URL, refusing names with `..`, `?`, `&` or other path tricks. */
function modelPath(model: string): string {
  if (BARE_MODEL.test(model) && !model.includes('..')) return `/models/${model}`;
  if (PREFIXED_MODEL.test(model) && !model.includes('..')) return `/${model}`;
  throw new GatewayError({
    code: 'invalid_request',
    message: `The model name '${model}' cannot be sent to Gemini: use letters, digits, '.', '_' and '-' only (optionally after 'models/').`,
    param: 'model',
    openaiCode: 'invalid_value',
  });
}

/** `parametersJsonSchema` is a `v1beta` field: an upstream pinned to `/v1` gets the older `parameters` subset. */
function schemaFieldFor(baseUrl: string): GeminiSchemaField {
  return new URL(baseUrl).pathname.replace(/\/+$/, '').endsWith('/v1')
    ? 'parameters'
    : 'parametersJsonSchema';
}

/**
 * Reads a Gemini error body into the envelope's fields (docs/protocol/gemini.md, "Errors"): the
 * message keeps Gemini's status name for context; an invalid key (400 `API_KEY_INVALID`) and
 * UNAUTHENTICATED/PERMISSION_DENIED count as the gateway's credential problem (401); a
 * `RetryInfo.retryDelay` becomes the retry delay.
 */
export function readGeminiErrorFields(bodyText: string): UpstreamErrorFields {
  const reading = readGeminiError(bodyText);
  const credential =
    reading.reason === 'API_KEY_INVALID' ||
    (reading.status !== null && CREDENTIAL_STATUSES.has(reading.status));
  return {
    message: reading.status !== null ? `${reading.status}: ${reading.message}` : reading.message,
    type: null,
    param: null,
    code: null,
    ...(credential ? { status: 401 } : {}),
    retryAfterMs: reading.retryAfterMs,
  };
}

/** A core conversion failure as the error the client gets: its request history cannot be sent to Gemini. */
function encodeFailure(provider: ProviderConfig, error: CoreError): GatewayError {
  return new GatewayError({
    code: 'invalid_request',
    message: `This conversation cannot be sent to '${provider.name}' (Gemini): ${error.message}`,
    openaiCode: 'invalid_tool_history',
    cause: error,
  });
}

/** A decoded answer the gateway cannot use as it is. */
function decodeFailure(provider: ProviderConfig, error: CoreError): GatewayError {
  if (error.code === 'malformed_function_call') {
    return new GatewayError({
      code: 'upstream_error',
      message: `Upstream '${provider.name}': ${error.message}`,
      openaiCode: 'malformed_function_call',
      retryable: true,
      cause: error,
    });
  }
  return new GatewayError({
    code: 'upstream_invalid_response',
    message: `Upstream '${provider.name}' returned a response the gateway cannot read: ${error.message}`,
    cause: error,
  });
}

/**
 * Codec for Google Gemini's `generateContent` API (docs/protocol/gemini.md): the model goes in the
 * path (`/models/{model}:generateContent`, or `:streamGenerateContent?alt=sse`), the key in
 * `x-goog-api-key`, the body and answers through core's Gemini converters.
 */
export function createGeminiProviderCodec(provider: ProviderConfig): ProviderCodec {
  const schemaField = schemaFieldFor(provider.baseUrl);
  return {
    encodeRequest(request, { model, stream }) {
      const path = `${modelPath(model)}:${stream ? 'streamGenerateContent?alt=sse' : 'generateContent'}`;
      try {
        const { request: body, adjustments } = canonicalToGeminiRequest(request, { model, schemaField });
        return { path, body: JSON.stringify(body), adjustments };
      } catch (error) {
        if (CoreError.isInstance(error) && error.code === 'conversion_failed')
          throw encodeFailure(provider, error);
        throw error;
      }
    },
    authHeaders(apiKey) {
      return { 'x-goog-api-key': apiKey };
    },
    readError: readGeminiErrorFields,
    decodeResponse(bodyText, context): CanonicalResponse {
      const parsed = safeParseJson(bodyText);
      if (!parsed.success) {
        throw new GatewayError({
          code: 'upstream_invalid_response',
          message: `Upstream '${provider.name}' returned a response the gateway cannot read: the body is not JSON (${parsed.error.message}).`,
        });
      }
      try {
        return geminiResponseToCanonical(parsed.value, { model: context?.model ?? '' });
      } catch (error) {
        if (CoreError.isInstance(error)) throw decodeFailure(provider, error);
        throw error;
      }
    },
    decodeStream(messages, context): AsyncIterable<CanonicalStreamEvent[]> {
      return geminiChunkBatchesToCanonical(decodeGeminiChunkBatches(messages), {
        model: context?.model ?? '',
      });
    },
  };
}
