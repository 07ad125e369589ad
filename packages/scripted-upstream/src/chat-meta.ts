import type { ChatUsage } from '@toolbridge/core';
import type { TokenUsage } from './token-usage.js';

/** Fields shared by every chunk / the body of one Chat completion (docs/protocol/chat-completions.md). */
export interface ChatMeta {
  id: string;
  created: number;
  model: string;
  systemFingerprint: string;
  /** null with `#no-usage`. */
  usage: TokenUsage | null;
}

/**
 * Renders token counts as the Chat `usage` object, cached tokens under `prompt_tokens_details`
 * (docs/protocol/chat-completions.md#usage).
 */
export function chatUsage(usage: TokenUsage): ChatUsage {
  return {
    prompt_tokens: usage.input,
    completion_tokens: usage.output,
    total_tokens: usage.input + usage.output,
    prompt_tokens_details: { cached_tokens: usage.cached, audio_tokens: 0 },
    completion_tokens_details: {
      reasoning_tokens: 0,
      audio_tokens: 0,
      accepted_prediction_tokens: 0,
      rejected_prediction_tokens: 0,
    },
  };
}
