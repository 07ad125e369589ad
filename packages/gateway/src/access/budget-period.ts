import type { BudgetPeriod } from '../storage/access-store.js';

const DAY_SECONDS = 86_400;

/**
 * Unix seconds at which the budget period containing `nowMs` began, in UTC: midnight, Monday
 * midnight, the first of the month, or 0 for a budget that never starts over.
 */
export function budgetPeriodStart(period: BudgetPeriod, nowMs: number): number {
  const now = new Date(nowMs);
  switch (period) {
    case 'day':
      return Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()) / 1000;
    case 'week': {
      const midnight = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()) / 1000;
      const sinceMonday = (now.getUTCDay() + 6) % 7;
      return midnight - sinceMonday * DAY_SECONDS;
    }
    case 'month':
      return Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1) / 1000;
    case 'total':
      return 0;
  }
}

/** When the period after the one starting at `start` begins (unix seconds); null for `total`. */
export function nextBudgetPeriod(period: BudgetPeriod, start: number): number | null {
  switch (period) {
    case 'day':
      return start + DAY_SECONDS;
    case 'week':
      return start + 7 * DAY_SECONDS;
    case 'month': {
      const date = new Date(start * 1000);
      return Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 1) / 1000;
    }
    case 'total':
      return null;
  }
}
