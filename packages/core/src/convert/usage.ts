import type { CanonicalUsage } from '../items/canonical.js';
import type { ChatUsage, ResponsesUsage } from '../protocol/common/usage.js';

function count(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : 0;
}

/** The canonical counts from one wire format's fields; missing or invalid counts are zero. */
function canonicalUsage(fields: {
  input: unknown;
  output: unknown;
  total: unknown;
  cached: unknown;
  reasoning: unknown;
  cacheWrite: unknown;
}): CanonicalUsage {
  const out: CanonicalUsage = {
    inputTokens: count(fields.input),
    outputTokens: count(fields.output),
    totalTokens: count(fields.total) || count(fields.input) + count(fields.output),
    cachedTokens: count(fields.cached),
    reasoningTokens: count(fields.reasoning),
  };
  if (typeof fields.cacheWrite === 'number') out.cacheWriteTokens = fields.cacheWrite;
  return out;
}

/** Chat `usage` → canonical; missing detail objects count as zero. */
export function chatUsageToCanonical(usage: ChatUsage): CanonicalUsage {
  return canonicalUsage({
    input: usage.prompt_tokens,
    output: usage.completion_tokens,
    total: usage.total_tokens,
    cached: usage.prompt_tokens_details?.cached_tokens,
    reasoning: usage.completion_tokens_details?.reasoning_tokens,
    cacheWrite: usage.prompt_tokens_details?.cache_write_tokens,
  });
}

/**
 * Canonical → Chat `usage`, with every detail object present as OpenAI sends them
 * (docs/protocol/chat-completions.md#response).
 */
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
  return canonicalUsage({
    input: usage.input_tokens,
    output: usage.output_tokens,
    total: usage.total_tokens,
    cached: usage.input_tokens_details?.cached_tokens,
    reasoning: usage.output_tokens_details?.reasoning_tokens,
    cacheWrite: usage.input_tokens_details?.cache_write_tokens,
  });
}

/**
 * Canonical → Responses `usage` (docs/protocol/responses.md#response-object). `cache_write_tokens`
 * is a required field of the current API: 0 when the upstream said nothing about cache writes.
 */
export function canonicalUsageToResponses(usage: CanonicalUsage): ResponsesUsage {
  return {
    input_tokens: usage.inputTokens,
    input_tokens_details: {
      cached_tokens: usage.cachedTokens,
      cache_write_tokens: usage.cacheWriteTokens ?? 0,
    },
    output_tokens: usage.outputTokens,
    output_tokens_details: { reasoning_tokens: usage.reasoningTokens },
    total_tokens: usage.totalTokens,
  };
}
