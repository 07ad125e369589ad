import {
  type CanonicalItem,
  canonicalToResponsesRequest,
  decodeResponsesEventBatches,
  isJsonObject,
  isReasoningBlob,
  itemsToResponsesInput,
  type JsonObject,
  type ResponsesUsage,
  responseObjectToCanonical,
  responsesEventBatchesToCanonical,
  responsesUsageToCanonical,
  safeParseJson,
  withFields,
} from '@toolbridge/core';
import type { ProviderConfig } from '../config/gateway-config.js';
import { GatewayError } from '../errors/gateway-error.js';
import { readOpenAIErrorBody } from '../upstream/map-upstream-error.js';
import { bearerAuth } from './bearer-auth.js';
import { parseResponseObjectBody } from './parse-upstream-body.js';
import type { EncodedUpstreamRequest, ProviderCodec, UpstreamCompaction } from './provider-codec.js';

/**
 * Item ids the gateway assigned mean nothing to the upstream; with `store: false` an unknown id can be
 * refused, so message and call items go without ids. Reasoning items keep theirs (they carry state).
 */
function withoutGatewayIds(item: CanonicalItem): CanonicalItem {
  if (
    item.type === 'reasoning' ||
    item.type === 'item_reference' ||
    item.type === 'opaque' ||
    item.id === undefined
  )
    return item;
  const { id: _id, ...rest } = item;
  return rest;
}

/**
 * Reasoning state toolbridge packed for another upstream (`tb1.<provider>.…`, e.g. Anthropic thinking
 * blocks) means nothing to a Responses upstream, which would refuse it as bad encrypted content.
 */
function isForeignReasoning(item: CanonicalItem): boolean {
  return item.type === 'reasoning' && isReasoningBlob(item.raw['encrypted_content']);
}

/** Codec for upstreams that speak Responses. The gateway replays full history: the upstream stores nothing. */
export function createResponsesProviderCodec(provider: ProviderConfig): ProviderCodec {
  return {
    encodeRequest(request, { model, stream }) {
      const { request: body, adjustments } = canonicalToResponsesRequest(
        withFields(request, {
          model,
          stream,
          items: request.items.filter((item) => !isForeignReasoning(item)).map(withoutGatewayIds),
          previousResponseId: null,
          store: false,
        }),
      );
      return { path: '/responses', body: JSON.stringify(body), adjustments };
    },
    authHeaders: bearerAuth,
    readError: readOpenAIErrorBody,
    decodeResponse(bodyText) {
      return responseObjectToCanonical(parseResponseObjectBody(provider.name, bodyText));
    },
    decodeStream(messages) {
      return responsesEventBatchesToCanonical(decodeResponsesEventBatches(messages));
    },
    encodeCompact(request, { model }): EncodedUpstreamRequest {
      const adjustments: string[] = [];
      const body: JsonObject = {
        model,
        input: itemsToResponsesInput(request.items.map(withoutGatewayIds), adjustments),
      };
      if (request.instructions !== null) body['instructions'] = request.instructions;
      if (typeof request.options.promptCacheKey === 'string')
        body['prompt_cache_key'] = request.options.promptCacheKey;
      return { path: '/responses/compact', body: JSON.stringify(body), adjustments };
    },
    decodeCompact(bodyText) {
      return readCompaction(provider.name, bodyText);
    },
  };
}

/** Reads an upstream's `response.compaction` object (model data is hostile: shape-checked). */
function readCompaction(providerName: string, bodyText: string): UpstreamCompaction {
  const parsed = safeParseJson(bodyText);
  const value = parsed.success ? parsed.value : undefined;
  if (!isJsonObject(value) || !Array.isArray(value['output']) || !value['output'].every(isJsonObject)) {
    throw new GatewayError({
      code: 'upstream_invalid_response',
      message: `Upstream '${providerName}' returned a compaction the gateway cannot read: no "output" array of items.`,
    });
  }
  const usage = value['usage'];
  return {
    output: value['output'],
    usage: isJsonObject(usage) ? responsesUsageToCanonical(usage as unknown as ResponsesUsage) : null,
  };
}
