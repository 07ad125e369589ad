import type { BudgetPeriod } from '../storage/access-store.js';

/** What a new virtual key may do, as the CLI and the admin API take it (docs/configuration.md). */
export interface NewKeySpec {
  project: string;
  name?: string | null;
  models?: string[] | null;
  rpm?: number | null;
  tpm?: number | null;
  budget?: { usd: number; period: BudgetPeriod } | null;
  /** Unix seconds. */
  expiresAt?: number | null;
}

const PERIODS: readonly BudgetPeriod[] = ['day', 'week', 'month', 'total'];
const DURATION = /^(\d+)\s*(m|h|d|w)$/;
const UNIT_SECONDS: Record<string, number> = { m: 60, h: 3_600, d: 86_400, w: 604_800 };

/**
 * Reads a budget written `USD/PERIOD` (`50/month`, `5/day`, `0.5/week`) or `USD` (never renews).
 * Returns a message saying what is wrong instead of throwing, so the CLI and the API word it their way.
 */
export function parseBudget(text: string): { usd: number; period: BudgetPeriod } | string {
  const [amount = '', period = 'total', extra] = text.trim().replace(/^\$/, '').split('/');
  const usd = Number(amount);
  if (extra !== undefined || amount === '' || !Number.isFinite(usd) || usd < 0) {
    return `'${text}' is not a budget: write USD/PERIOD, e.g. 50/month (periods: ${PERIODS.join(', ')}).`;
  }
  if (!(PERIODS as readonly string[]).includes(period)) {
    return `'${period}' is not a budget period: use ${PERIODS.join(', ')}.`;
  }
  return { usd, period: period as BudgetPeriod };
}

/**
 * Reads an expiry: a duration from now (`90m`, `12h`, `30d`, `2w`) or an ISO 8601 date or time
 * (`2026-12-31`, `2026-12-31T18:00:00Z`), as unix seconds. It must lie in the future.
 */
export function parseExpires(text: string, nowMs: number = Date.now()): number | string {
  const trimmed = text.trim();
  const duration = DURATION.exec(trimmed);
  const at = duration
    ? Math.floor(nowMs / 1000) + Number(duration[1]) * (UNIT_SECONDS[duration[2] ?? 'd'] ?? 0)
    : /^\d{4}-\d{2}-\d{2}/.test(trimmed)
      ? Math.floor(Date.parse(trimmed) / 1000)
      : Number.NaN;
  if (!Number.isSafeInteger(at)) {
    return `'${text}' is not an expiry: give a duration (90m, 12h, 30d, 2w) or a date (2026-12-31, 2026-12-31T18:00:00Z).`;
  }
  if (at * 1000 <= nowMs) return `The expiry '${text}' is in the past.`;
  return at;
}
