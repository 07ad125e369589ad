/** USD per one million tokens. `cachedInput` defaults to 10% of `input` when left out. */
export interface ModelPrice {
  input: number;
  output: number;
  cachedInput?: number;
}

/** Model name → price. Keys are undated model names; dated snapshots resolve to them. */
export type PriceTable = Readonly<Record<string, ModelPrice>>;

/**
 * Share of the input price charged for cached input tokens: a tenth, as the guide says
 * (docs/protocol/guide.md#models-and-prices).
 */
export const CACHED_INPUT_PRICE_RATIO = 0.1;

/** List prices from the function-calling guide (2026), per 1M input/output tokens. */
export const defaultPrices: PriceTable = {
  'gpt-5.4': { input: 2.5, output: 15 },
  'gpt-5.4-mini': { input: 0.75, output: 4.5 },
  'gpt-5.5': { input: 5, output: 30 },
};

const DATED_SUFFIX = /-\d{4}-\d{2}-\d{2}$/;

/**
 * Finds the price of `model`: an exact key first, then the name without a dated snapshot suffix
 * (`gpt-5.4-2026-03-05` → `gpt-5.4`). Own keys only, so `__proto__` or `constructor` never match.
 */
export function findModelPrice(model: string, prices: PriceTable = defaultPrices): ModelPrice | null {
  if (Object.hasOwn(prices, model)) return prices[model] ?? null;
  const undated = model.replace(DATED_SUFFIX, '');
  if (undated !== model && Object.hasOwn(prices, undated)) return prices[undated] ?? null;
  return null;
}
