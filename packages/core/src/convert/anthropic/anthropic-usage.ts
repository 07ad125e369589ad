import type { CanonicalFinishReason, CanonicalUsage } from '../../items/canonical.js';
import { isJsonObject } from '../../json/get-own.js';

function count(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : 0;
}

/**
 * Anthropic `usage` → canonical (docs/protocol/anthropic.md §9). Anthropic's `input_tokens` leaves
 * out cache reads and writes; OpenAI's input count includes both, so input = input + cache read +
 * cache write, cached = cache read, and the cache write is kept as `cacheWriteTokens`. Thinking
 * tokens (part of `output_tokens`) are the reasoning tokens. Missing or hostile counts are zero.
 */
export function anthropicUsageToCanonical(usage: unknown): CanonicalUsage {
  const fields = isJsonObject(usage) ? usage : {};
  const read = count(fields['cache_read_input_tokens']);
  const write = count(fields['cache_creation_input_tokens']);
  const input = count(fields['input_tokens']) + read + write;
  const output = count(fields['output_tokens']);
  const details = isJsonObject(fields['output_tokens_details']) ? fields['output_tokens_details'] : {};
  return {
    inputTokens: input,
    outputTokens: output,
    totalTokens: input + output,
    cachedTokens: read,
    reasoningTokens: count(details['thinking_tokens']),
    cacheWriteTokens: write,
  };
}

/**
 * `stop_reason` → finish reason (§8): end_turn / stop_sequence → stop, tool_use → tool_calls,
 * max_tokens / model_context_window_exceeded → length, refusal → content_filter. `pause_turn` only
 * comes with server tools, which toolbridge never sends; the turn is reported as it stands (stop, or
 * tool_calls when it holds calls), as is any reason this table does not know.
 */
export function anthropicStopReasonToCanonical(reason: unknown, sawCalls: boolean): CanonicalFinishReason {
  switch (reason) {
    case 'max_tokens':
    case 'model_context_window_exceeded':
      return 'length';
    case 'refusal':
      return 'content_filter';
    case 'tool_use':
      return 'tool_calls';
    default:
      return sawCalls ? 'tool_calls' : 'stop';
  }
}
