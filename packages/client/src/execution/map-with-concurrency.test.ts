import { describe, expect, test } from 'vitest';
import { mapWithConcurrency } from './map-with-concurrency.js';

describe('mapWithConcurrency', () => {
  test('never runs more than `limit` at once and keeps input order whatever finishes first', async () => {
    let running = 0;
    let peak = 0;
    const delays = [30, 5, 20, 1, 10, 2];
    const results = await mapWithConcurrency({
      items: delays,
      limit: 2,
      map: async (delay, index) => {
        running += 1;
        peak = Math.max(peak, running);
        await new Promise((resolve) => setTimeout(resolve, delay));
        running -= 1;
        return index;
      },
    });
    expect(results).toEqual([0, 1, 2, 3, 4, 5]);
    expect(peak).toBe(2);
  });

  test('lets every item settle before rethrowing the first failure', async () => {
    const settled: number[] = [];
    const run = mapWithConcurrency({
      items: [0, 1, 2],
      limit: 3,
      map: async (item) => {
        await new Promise((resolve) => setTimeout(resolve, item === 0 ? 1 : 20));
        settled.push(item);
        if (item === 0) throw new Error('first');
        return item;
      },
    });
    await expect(run).rejects.toThrow('first');
    expect(settled.sort()).toEqual([0, 1, 2]);
  });

  test('an empty list maps to an empty list', async () => {
    expect(await mapWithConcurrency({ items: [], limit: 4, map: async () => 1 })).toEqual([]);
  });
});
