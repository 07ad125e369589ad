import {
  anthropicEventBatchesToCanonical,
  anthropicMessageToCanonical,
  CoreError,
  canonicalToAnthropicRequest,
  decodeAnthropicEventBatches,
  readAnthropicError,
  safeParseJson,
} from '@toolbridge/core';
import type { ProviderConfig } from '../config/gateway-config.js';
import { gatewayDefaults } from '../defaults.js';
import { GatewayError } from '../errors/gateway-error.js';
import type { ProviderCodec, UpstreamErrorFields } from './provider-codec.js';

/**
 * Anthropic's key header and the API version it requires (docs/protocol/anthropic.md §1). Reading
 * picked: `x-api-key` with version 2023-06-01, the pairing this translation is written against; the
 * official SDK 1.x sends `Authorization: Bearer` with 2026-10-21 instead (`apiKeyAuth` and the default
 * headers in its src/client.ts). A provider's configured `headers` override these.
 */
function anthropicAuth(apiKey: string): Record<string, string> {
  return { 'x-api-key': apiKey, 'anthropic-version': gatewayDefaults.anthropic.version };
}

/** An Anthropic error body in the OpenAI envelope's fields (§11); a body that is not JSON is quoted. */
export function readAnthropicErrorBody(bodyText: string): UpstreamErrorFields {
  const parsed = safeParseJson(bodyText);
  if (!parsed.success) {
    return { message: bodyText.slice(0, 500) || '(empty body)', type: null, param: null, code: null };
  }
  const { message, type, code } = readAnthropicError(parsed.value);
  return { message, type, param: null, code };
}

function unreadable(provider: ProviderConfig, detail: string, cause?: unknown): GatewayError {
  return new GatewayError({
    code: 'upstream_invalid_response',
    message: `Upstream '${provider.name}' returned a response the gateway cannot read: ${detail}.`,
    cause,
  });
}

/**
 * Codec for Anthropic's Messages API (`{base}/messages`, `x-api-key` + `anthropic-version`). The
 * translation lives in core (docs/protocol/anthropic.md); a request Anthropic cannot express is a
 * 400 naming the client's field, so the upstream never answers it in its own words.
 */
export function createAnthropicProviderCodec(provider: ProviderConfig): ProviderCodec {
  return {
    encodeRequest(request, { model, stream }) {
      try {
        const { request: body, adjustments } = canonicalToAnthropicRequest(request, {
          model,
          stream,
          defaultMaxTokens: gatewayDefaults.anthropic.maxTokens,
          thinkingBudgets: gatewayDefaults.anthropic.thinkingBudgets,
        });
        return { path: '/messages', body: JSON.stringify(body), adjustments };
      } catch (error) {
        if (!CoreError.isInstance(error) || error.code !== 'conversion_failed') throw error;
        throw new GatewayError({
          code: 'invalid_request',
          message: `This request cannot be sent to the Anthropic upstream '${provider.name}': ${error.message}`,
          param: error.path ?? null,
          openaiCode: null,
          cause: error,
        });
      }
    },
    authHeaders: anthropicAuth,
    readError: readAnthropicErrorBody,
    decodeResponse(bodyText) {
      const parsed = safeParseJson(bodyText);
      if (!parsed.success) throw unreadable(provider, `the body is not JSON (${parsed.error.message})`);
      try {
        return anthropicMessageToCanonical(parsed.value);
      } catch (error) {
        if (CoreError.isInstance(error)) throw unreadable(provider, error.message, error);
        throw error;
      }
    },
    decodeStream(messages) {
      return anthropicEventBatchesToCanonical(decodeAnthropicEventBatches(messages));
    },
  };
}
