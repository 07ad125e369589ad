import { describe, expect, test } from 'vitest';
import { budgetPeriodStart, nextBudgetPeriod } from './budget-period.js';
import { parseBudget, parseExpires } from './key-spec.js';
import { formatResetDuration } from './rate-limit-headers.js';

const NOW = Date.UTC(2026, 1, 11, 15, 30, 45); // Wednesday 2026-02-11 15:30:45 UTC

describe('parseBudget', () => {
  test('USD/PERIOD, a bare amount (total) and a leading $', () => {
    expect(parseBudget('50/month')).toEqual({ usd: 50, period: 'month' });
    expect(parseBudget('0.5/week')).toEqual({ usd: 0.5, period: 'week' });
    expect(parseBudget('$5/day')).toEqual({ usd: 5, period: 'day' });
    expect(parseBudget('20')).toEqual({ usd: 20, period: 'total' });
  });
  test('anything else is a message saying how to write it', () => {
    for (const bad of ['', 'fifty/month', '-1/day', '5/fortnight', '5/day/extra'])
      expect(parseBudget(bad)).toEqual(expect.stringMatching(/budget|period/));
  });
});

describe('parseExpires', () => {
  test('durations and ISO dates become unix seconds', () => {
    expect(parseExpires('90m', NOW)).toBe(NOW / 1000 + 5_400);
    expect(parseExpires('30d', NOW)).toBe(NOW / 1000 + 30 * 86_400);
    expect(parseExpires('2w', NOW)).toBe(NOW / 1000 + 14 * 86_400);
    expect(parseExpires('2026-12-31', NOW)).toBe(Date.UTC(2026, 11, 31) / 1000);
    expect(parseExpires('2026-12-31T18:00:00Z', NOW)).toBe(Date.UTC(2026, 11, 31, 18) / 1000);
  });
  test('the past and nonsense are refused', () => {
    expect(parseExpires('2020-01-01', NOW)).toMatch(/in the past/);
    expect(parseExpires('tomorrow', NOW)).toMatch(/not an expiry/);
    expect(parseExpires('5y', NOW)).toMatch(/not an expiry/);
  });
});

describe('budget periods (UTC)', () => {
  test('start at midnight, Monday, the first of the month, or never', () => {
    expect(budgetPeriodStart('day', NOW)).toBe(Date.UTC(2026, 1, 11) / 1000);
    expect(budgetPeriodStart('week', NOW)).toBe(Date.UTC(2026, 1, 9) / 1000);
    expect(budgetPeriodStart('month', NOW)).toBe(Date.UTC(2026, 1, 1) / 1000);
    expect(budgetPeriodStart('total', NOW)).toBe(0);
    expect(budgetPeriodStart('week', Date.UTC(2026, 1, 15, 23))).toBe(Date.UTC(2026, 1, 9) / 1000);
  });
  test('the next period starts after a day, a week, at the next month, or never', () => {
    expect(nextBudgetPeriod('day', Date.UTC(2026, 1, 11) / 1000)).toBe(Date.UTC(2026, 1, 12) / 1000);
    expect(nextBudgetPeriod('week', Date.UTC(2026, 1, 9) / 1000)).toBe(Date.UTC(2026, 1, 16) / 1000);
    expect(nextBudgetPeriod('month', Date.UTC(2026, 11, 1) / 1000)).toBe(Date.UTC(2027, 0, 1) / 1000);
    expect(nextBudgetPeriod('total', 0)).toBeNull();
  });
});

test('reset durations are written as OpenAI writes them', () => {
  expect(formatResetDuration(0)).toBe('0ms');
  expect(formatResetDuration(249.2)).toBe('250ms');
  expect(formatResetDuration(12_500)).toBe('12.5s');
  expect(formatResetDuration(60_000)).toBe('1m0s');
});
