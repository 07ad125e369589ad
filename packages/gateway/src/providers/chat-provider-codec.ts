import {
  canonicalToChatRequest,
  chatCompletionToCanonical,
  chatSseBatchesToCanonical,
  stringifyWithShared,
  withFields,
} from '@toolbridge/core';
import type { ProviderConfig } from '../config/gateway-config.js';
import { readOpenAIErrorBody } from '../upstream/map-upstream-error.js';
import { bearerAuth } from './bearer-auth.js';
import { parseChatCompletionBody } from './parse-upstream-body.js';
import type { ProviderCodec } from './provider-codec.js';

/** Codec for upstreams that speak Chat Completions (OpenAI, vLLM, Ollama, llama.cpp…). */
export function createChatProviderCodec(provider: ProviderConfig): ProviderCodec {
  return {
    encodeRequest(request, { model, stream }) {
      const { request: body, adjustments } = canonicalToChatRequest(
        withFields(request, { model, stream, previousResponseId: null }),
        {
          maxTokensField: provider.maxTokensField,
          forceIncludeUsage: provider.capabilities.streamUsage,
          reasoningField: provider.reasoningField ?? 'reasoning_content',
        },
      );
      if (!provider.capabilities.streamUsage) delete body.stream_options;
      // The gateway keeps state itself; `store` on Chat means "keep for evals", not ours to forward. The
      // metadata belongs to the stored completion the gateway keeps (docs/protocol/chat-completions.md#stored-completions),
      // and an upstream may refuse metadata without store.
      delete body.store;
      delete body.metadata;
      return { path: '/chat/completions', body: stringifyWithShared(body, 'tools'), adjustments };
    },
    authHeaders: bearerAuth,
    readError: readOpenAIErrorBody,
    decodeResponse(bodyText) {
      return chatCompletionToCanonical(parseChatCompletionBody(provider.name, bodyText));
    },
    decodeStream(messages) {
      return chatSseBatchesToCanonical(messages);
    },
  };
}
