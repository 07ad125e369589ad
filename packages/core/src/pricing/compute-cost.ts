import type { CanonicalUsage } from '../items/canonical.js';
import { CACHED_INPUT_PRICE_RATIO, defaultPrices, findModelPrice, type PriceTable } from './price-table.js';

/** What a run or a step cost, in USD. Cached tokens are part of `inputTokens` and billed at the cached rate. */
export interface Cost {
  currency: 'USD';
  input: number;
  cachedInput: number;
  output: number;
  total: number;
}

const PER_TOKENS = 1_000_000;

/**
 * Cost of `usage` for `model`, or `null` when the model has no price in `prices` (the defaults when
 * omitted). Input tokens already include cached tokens (OpenAI counts them in both), so the uncached
 * part is `inputTokens - cachedTokens`.
 */
export function computeCost(
  usage: CanonicalUsage,
  model: string,
  prices: PriceTable = defaultPrices,
): Cost | null {
  const price = findModelPrice(model, prices);
  if (price === null) return null;
  const cachedTokens = Math.min(usage.cachedTokens, usage.inputTokens);
  const cachedPrice = price.cachedInput ?? price.input * CACHED_INPUT_PRICE_RATIO;
  const input = ((usage.inputTokens - cachedTokens) * price.input) / PER_TOKENS;
  const cachedInput = (cachedTokens * cachedPrice) / PER_TOKENS;
  const output = (usage.outputTokens * price.output) / PER_TOKENS;
  return { currency: 'USD', input, cachedInput, output, total: input + cachedInput + output };
}

/** Adds costs; `null` if any part is `null` (an unpriced step makes the run's total unknown). */
export function addCosts(costs: ReadonlyArray<Cost | null>): Cost | null {
  const sum: Cost = { currency: 'USD', input: 0, cachedInput: 0, output: 0, total: 0 };
  for (const cost of costs) {
    if (cost === null) return null;
    sum.input += cost.input;
    sum.cachedInput += cost.cachedInput;
    sum.output += cost.output;
    sum.total += cost.total;
  }
  return sum;
}
