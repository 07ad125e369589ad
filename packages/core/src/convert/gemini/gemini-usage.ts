import type { CanonicalUsage } from '../../items/canonical.js';
import { isJsonObject } from '../../json/get-own.js';

function count(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : 0;
}

/**
 * Gemini `usageMetadata` → canonical usage (docs/protocol/gemini.md, "Usage"): input = prompt (which
 * already includes cached tokens) + tool-use prompt; cached = `cachedContentTokenCount`; output =
 * candidates + thoughts (unless the candidates count already includes them, seen when prompt +
 * candidates = total); reasoning = thoughts; total = Gemini's total, else input + output.
 */
export function geminiUsageToCanonical(metadata: unknown): CanonicalUsage | null {
  if (!isJsonObject(metadata)) return null;
  const prompt = count(metadata['promptTokenCount']);
  const toolPrompt = count(metadata['toolUsePromptTokenCount']);
  const candidates = count(metadata['candidatesTokenCount']);
  const thoughts = count(metadata['thoughtsTokenCount']);
  const total = count(metadata['totalTokenCount']);
  const inclusive = total > 0 && prompt + toolPrompt + candidates === total;
  const inputTokens = prompt + toolPrompt;
  const outputTokens = inclusive ? candidates : candidates + thoughts;
  return {
    inputTokens,
    outputTokens,
    totalTokens: total || inputTokens + outputTokens,
    cachedTokens: count(metadata['cachedContentTokenCount']),
    reasoningTokens: thoughts,
  };
}
