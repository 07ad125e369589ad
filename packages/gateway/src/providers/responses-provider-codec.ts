import {
  type CanonicalItem,
  canonicalToResponsesRequest,
  decodeResponsesEventBatches,
  EncryptedReasoningRefusals,
  isJsonObject,
  isReasoningBlob,
  itemsToResponsesInput,
  type JsonObject,
  type ResponsesUsage,
  responseObjectToCanonical,
  responsesEventBatchesToCanonical,
  responsesUsageToCanonical,
  safeParseJson,
  withEncryptedReasoning,
  withFields,
} from '@toolbridge/core';
import type { ProviderConfig } from '../config/gateway-config.js';
import { GatewayError } from '../errors/gateway-error.js';
import { readOpenAIErrorBody } from '../upstream/map-upstream-error.js';
import { bearerAuth } from './bearer-auth.js';
import { parseResponseObjectBody } from './parse-upstream-body.js';
import type { EncodedUpstreamRequest, ProviderCodec, UpstreamCompaction } from './provider-codec.js';
import { droppedReasoningNote, statelessReasoningItems } from './stateless-reasoning.js';

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

/**
 * The items a Responses upstream is sent. With `encryptedReasoning` (OpenAI) reasoning items go as their
 * encrypted content only, and those without it are left out (`stateless-reasoning.ts`); otherwise only
 * toolbridge's own blobs are left out and the rest go verbatim (an OpenAI-compatible server such as
 * vLLM reads reasoning text back).
 */
function upstreamItems(
  items: readonly CanonicalItem[],
  encryptedReasoning: boolean,
  adjustments: string[],
): CanonicalItem[] {
  if (!encryptedReasoning) return items.filter((item) => !isForeignReasoning(item)).map(withoutGatewayIds);
  const { items: kept, dropped } = statelessReasoningItems(items);
  if (dropped > 0) adjustments.push(droppedReasoningNote(dropped));
  return kept.map(withoutGatewayIds);
}

const BACKGROUND_NOTE =
  'background: answered in the foreground (the gateway queues nothing; the Response is final when it returns)';

/** Codec for upstreams that speak Responses. The gateway replays full history: the upstream stores nothing. */
export function createResponsesProviderCodec(provider: ProviderConfig): ProviderCodec {
  const encryptedReasoning = provider.capabilities.encryptedReasoning === true;
  const refusals = new EncryptedReasoningRefusals();
  return {
    encodeRequest(request, { model, stream }) {
      const dropped: string[] = [];
      const { request: body, adjustments } = canonicalToResponsesRequest(
        withFields(request, {
          model,
          stream,
          items: upstreamItems(request.items, encryptedReasoning, dropped),
          previousResponseId: null,
          store: false,
        }),
      );
      // store: false keeps nothing upstream, so the reasoning state of this turn must come back with
      // it to be replayed on the next (docs/providers.md#openai-responses-upstreams).
      if (encryptedReasoning && !refusals.has(model))
        body['include'] = withEncryptedReasoning(body['include']);
      // Background mode needs the upstream to keep the response (store), which it is never asked to: the
      // gateway answers in the foreground (docs/protocol/responses.md#background-mode).
      if (Object.hasOwn(body, 'background')) {
        if (body['background'] === true) dropped.push(BACKGROUND_NOTE);
        delete body['background'];
      }
      return { path: '/responses', body: JSON.stringify(body), adjustments: [...dropped, ...adjustments] };
    },
    // Only a codec that adds the include has a refusal to learn from; the others leave the hook out, so
    // their requests are sent without the fallback's wrapper.
    ...(encryptedReasoning
      ? {
          learnFromRefusal: (
            error: Parameters<EncryptedReasoningRefusals['learn']>[0],
            options: { model: string },
          ) => refusals.learn(error, options.model),
        }
      : {}),
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
        input: itemsToResponsesInput(
          upstreamItems(request.items, encryptedReasoning, adjustments),
          adjustments,
        ),
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
