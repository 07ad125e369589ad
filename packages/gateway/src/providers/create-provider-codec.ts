import type { ProviderConfig } from '../config/gateway-config.js';
import { createAnthropicProviderCodec } from './anthropic-provider-codec.js';
import { createChatProviderCodec } from './chat-provider-codec.js';
import { createGeminiProviderCodec } from './gemini-provider-codec.js';
import type { ProviderCodec, ProviderCodecFactory } from './provider-codec.js';
import { createResponsesProviderCodec } from './responses-provider-codec.js';

/** One codec factory per upstream wire format (`api` in the config). */
const CODECS: Record<ProviderConfig['api'], ProviderCodecFactory> = {
  chat: createChatProviderCodec,
  responses: createResponsesProviderCodec,
  anthropic: createAnthropicProviderCodec,
  gemini: createGeminiProviderCodec,
};

/** The codec for a provider's wire format. */
export function createProviderCodec(provider: ProviderConfig): ProviderCodec {
  return CODECS[provider.api](provider);
}
