import {
  type CanonicalItem,
  canonicalToResponsesRequest,
  decodeResponsesEventBatches,
  isReasoningBlob,
  responseObjectToCanonical,
  responsesEventBatchesToCanonical,
} from '@toolbridge/core';
import type { ProviderConfig } from '../config/gateway-config.js';
import { readOpenAIErrorBody } from '../upstream/map-upstream-error.js';
import { bearerAuth } from './bearer-auth.js';
import { parseResponseObjectBody } from './parse-upstream-body.js';
import type { ProviderCodec } from './provider-codec.js';

/**
 * Item ids the gateway assigned mean nothing to the upstream; with `store: false` an unknown id can be
 * refused, so message and call items go without ids. Reasoning items keep theirs (they carry state).
 */
function withoutGatewayIds(item: CanonicalItem): CanonicalItem {
  if (item.type === 'reasoning' || item.type === 'item_reference' || item.id === undefined) return item;
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
      const { request: body, adjustments } = canonicalToResponsesRequest({
        ...request,
        model,
        stream,
        items: request.items.filter((item) => !isForeignReasoning(item)).map(withoutGatewayIds),
        previousResponseId: null,
        store: false,
      });
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
  };
}
