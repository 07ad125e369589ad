import type { CanonicalUsage } from '@toolbridge/core';

/** Adds usages (a repaired turn costs the repair calls too); null when there is nothing to add. */
export function sumUsage(
  base: CanonicalUsage | null,
  extra: readonly CanonicalUsage[],
): CanonicalUsage | null {
  if (extra.length === 0) return base;
  const total: CanonicalUsage = base
    ? { ...base }
    : { inputTokens: 0, outputTokens: 0, totalTokens: 0, cachedTokens: 0, reasoningTokens: 0 };
  for (const usage of extra) {
    total.inputTokens += usage.inputTokens;
    total.outputTokens += usage.outputTokens;
    total.totalTokens += usage.totalTokens;
    total.cachedTokens += usage.cachedTokens;
    total.reasoningTokens += usage.reasoningTokens;
    if (usage.cacheWriteTokens !== undefined)
      total.cacheWriteTokens = (total.cacheWriteTokens ?? 0) + usage.cacheWriteTokens;
  }
  return total;
}
