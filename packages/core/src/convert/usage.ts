import type { CanonicalUsage } from '../items/canonical.js';
import type { ChatUsage, ResponsesUsage } from '../protocol/common/usage.js';

function count(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : 0;
}

/** Chat `usage` → canonical; missing detail objects count as zero. */
export function chatUsageToCanonical(usage: ChatUsage): CanonicalUsage {
  const out: CanonicalUsage = {
    inputTokens: count(usage.prompt_tokens),
    outputTokens: count(usage.completion_tokens),
    totalTokens: count(usage.total_tokens) || count(usage.prompt_tokens) + count(usage.completion_tokens),
    cachedTokens: count(usage.prompt_tokens_details?.cached_tokens),
    reasoningTokens: count(usage.completion_tokens_details?.reasoning_tokens),
  };
  const cacheWrite = usage.prompt_tokens_details?.cache_write_tokens;
  if (typeof cacheWrite === 'number') out.cacheWriteTokens = cacheWrite;
  return out;
}

/** Canonical → Chat `usage`, with every detail object present as OpenAI sends them (spec §3.2). */
export function canonicalUsageToChat(usage: CanonicalUsage): ChatUsage {
  return {
    prompt_tokens: usage.inputTokens,
    completion_tokens: usage.outputTokens,
    total_tokens: usage.totalTokens,
    prompt_tokens_details: {
      cached_tokens: usage.cachedTokens,
      audio_tokens: 0,
      ...(usage.cacheWriteTokens !== undefined ? { cache_write_tokens: usage.cacheWriteTokens } : {}),
    },
    completion_tokens_details: {
      reasoning_tokens: usage.reasoningTokens,
      audio_tokens: 0,
      accepted_prediction_tokens: 0,
      rejected_prediction_tokens: 0,
    },
  };
}

/** Responses `usage` → canonical. */
export function responsesUsageToCanonical(usage: ResponsesUsage): CanonicalUsage {
  const out: CanonicalUsage = {
    inputTokens: count(usage.input_tokens),
    outputTokens: count(usage.output_tokens),
    totalTokens: count(usage.total_tokens) || count(usage.input_tokens) + count(usage.output_tokens),
    cachedTokens: count(usage.input_tokens_details?.cached_tokens),
    reasoningTokens: count(usage.output_tokens_details?.reasoning_tokens),
  };
  const cacheWrite = usage.input_tokens_details?.cache_write_tokens;
  if (typeof cacheWrite === 'number') out.cacheWriteTokens = cacheWrite;
  return out;
}

/** Canonical → Responses `usage` (spec §4.3). */
export function canonicalUsageToResponses(usage: CanonicalUsage): ResponsesUsage {
  return {
    input_tokens: usage.inputTokens,
    input_tokens_details: {
      cached_tokens: usage.cachedTokens,
      ...(usage.cacheWriteTokens !== undefined ? { cache_write_tokens: usage.cacheWriteTokens } : {}),
    },
    output_tokens: usage.outputTokens,
    output_tokens_details: { reasoning_tokens: usage.reasoningTokens },
    total_tokens: usage.totalTokens,
  };
}
