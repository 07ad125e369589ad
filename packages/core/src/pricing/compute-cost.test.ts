import { describe, expect, test } from 'vitest';
import { addCosts, computeCost } from './compute-cost.js';
import { defaultPrices, findModelPrice } from './price-table.js';

const million = {
  inputTokens: 1_000_000,
  outputTokens: 1_000_000,
  totalTokens: 2_000_000,
  cachedTokens: 0,
  reasoningTokens: 0,
};

describe('computeCost', () => {
  test.each([
    ['gpt-5.4', 2.5 + 15],
    ['gpt-5.4-mini', 0.75 + 4.5],
    ['gpt-5.5', 5 + 30],
  ])('%s costs the guide price per 1M input + 1M output tokens', (model, total) => {
    expect(computeCost(million, model)?.total).toBeCloseTo(total, 10);
  });

  test('cached input tokens cost 10% of the input price and are part of inputTokens', () => {
    const cost = computeCost({ ...million, outputTokens: 0, cachedTokens: 400_000 }, 'gpt-5.4');
    expect(cost?.input).toBeCloseTo(0.6 * 2.5, 10);
    expect(cost?.cachedInput).toBeCloseTo(0.4 * 0.25, 10);
    expect(cost?.total).toBeCloseTo(1.5 + 0.1, 10);
  });

  test('a dated snapshot resolves to its undated price; mini is not mistaken for its parent', () => {
    expect(findModelPrice('gpt-5.4-2026-03-05')).toEqual(defaultPrices['gpt-5.4']);
    expect(findModelPrice('gpt-5.4-mini-2026-03-05')).toEqual(defaultPrices['gpt-5.4-mini']);
    expect(findModelPrice('gpt-5.4-turbo')).toBeNull();
  });

  test('an unknown model, or an inherited property name, has no price', () => {
    expect(computeCost(million, 'llama-3')).toBeNull();
    expect(computeCost(million, '__proto__')).toBeNull();
    expect(computeCost(million, 'constructor')).toBeNull();
  });

  test('a table overrides prices, including the cached rate', () => {
    const cost = computeCost({ ...million, cachedTokens: 1_000_000 }, 'house-model', {
      'house-model': { input: 1, output: 2, cachedInput: 0.5 },
    });
    expect(cost).toMatchObject({ input: 0, cachedInput: 0.5, output: 2, total: 2.5 });
  });
});

describe('addCosts', () => {
  test('sums parts, and is null as soon as one part is unknown', () => {
    const one = computeCost(million, 'gpt-5.4');
    expect(addCosts([one, one])?.total).toBeCloseTo(35, 10);
    expect(addCosts([one, null])).toBeNull();
  });
});
