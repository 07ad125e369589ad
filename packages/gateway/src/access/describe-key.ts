import type { AccessStore, VirtualKeyRecord } from '../storage/access-store.js';
import { budgetPeriodStart } from './budget-period.js';

/** A virtual key as the admin API and `toolbridge keys list --json` show it (never the secret). */
export interface KeyView {
  id: string;
  object: 'toolbridge.key';
  project: string;
  name: string | null;
  hint: string;
  status: 'active' | 'revoked' | 'expired';
  models: string[] | null;
  rpm: number | null;
  tpm: number | null;
  budget: { usd: number; period: string } | null;
  /** What the key spent in its budget period (its whole life without a budget). */
  spend: { usd: number; period: string; period_start: number };
  expires_at: number | null;
  created_at: number;
  revoked_at: number | null;
}

/** The view of one key, with its spend read from the store. */
export async function describeKey(
  store: AccessStore,
  record: VirtualKeyRecord,
  nowMs: number = Date.now(),
): Promise<KeyView> {
  const period = record.budget?.period ?? 'total';
  const periodStart = budgetPeriodStart(period, nowMs);
  const spent = await store.getSpend({ keyId: record.id, periodStart });
  const status =
    record.revokedAt !== null
      ? 'revoked'
      : record.expiresAt !== null && record.expiresAt * 1000 <= nowMs
        ? 'expired'
        : 'active';
  return {
    id: record.id,
    object: 'toolbridge.key',
    project: record.projectId,
    name: record.name,
    hint: record.hint,
    status,
    models: record.models,
    rpm: record.rpm,
    tpm: record.tpm,
    budget:
      record.budget === null ? null : { usd: record.budget.nanoUsd / 1e9, period: record.budget.period },
    spend: { usd: spent / 1e9, period, period_start: periodStart },
    expires_at: record.expiresAt,
    created_at: record.createdAt,
    revoked_at: record.revokedAt,
  };
}
