import type { CanonicalUsage } from '@toolbridge/core';

/** Zero usage, the start of a sum and the usage of a response that reported none. */
export function emptyUsage(): CanonicalUsage {
  return { inputTokens: 0, outputTokens: 0, totalTokens: 0, cachedTokens: 0, reasoningTokens: 0 };
}

/** Adds usages field by field, cached and reasoning tokens included; cache writes when any reports them. */
export function sumUsage(usages: ReadonlyArray<CanonicalUsage | null>): CanonicalUsage {
  const sum = emptyUsage();
  for (const usage of usages) {
    if (usage === null) continue;
    sum.inputTokens += usage.inputTokens;
    sum.outputTokens += usage.outputTokens;
    sum.totalTokens += usage.totalTokens;
    sum.cachedTokens += usage.cachedTokens;
    sum.reasoningTokens += usage.reasoningTokens;
    if (usage.cacheWriteTokens !== undefined) {
      sum.cacheWriteTokens = (sum.cacheWriteTokens ?? 0) + usage.cacheWriteTokens;
    }
  }
  return sum;
}
