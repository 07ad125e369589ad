import type { BudgetPeriod, VirtualKeyRecord } from './access-store.js';
import { storageDefaults } from './defaults.js';
import { StoreError } from './store-error.js';

/** A virtual key as both backends write and read it (snake_case columns, JSON as text). */
export interface AccessKeyRow {
  id: string;
  key_hash: string;
  project_id: string;
  name: string | null;
  hint: string;
  models: string | null;
  rpm: number | null;
  tpm: number | null;
  budget_nano_usd: number | string | null;
  budget_period: string | null;
  expires_at: number | string | null;
  created_at: number | string;
  revoked_at: number | string | null;
}

/** Column names in the order `encodeAccessKey` returns values. */
export const ACCESS_KEY_COLUMNS = [
  'id',
  'key_hash',
  'project_id',
  'name',
  'hint',
  'models',
  'rpm',
  'tpm',
  'budget_nano_usd',
  'budget_period',
  'expires_at',
  'created_at',
  'revoked_at',
] as const;

const PERIODS: ReadonlySet<string> = new Set<BudgetPeriod>(['day', 'week', 'month', 'total']);
const SHA256_HEX = /^[0-9a-f]{64}$/;

function invalid(message: string, param: string): StoreError {
  return new StoreError({ code: 'invalid_argument', message, param });
}

function checkText(value: unknown, param: string): void {
  if (typeof value !== 'string' || value === '' || value.length > storageDefaults.maxIdLength)
    throw invalid(
      `${param} must be a non-empty string of at most ${storageDefaults.maxIdLength} characters.`,
      param,
    );
}

function checkCount(value: unknown, param: string, min: number): void {
  if (value !== null && (!Number.isSafeInteger(value) || (value as number) < min))
    throw invalid(`${param} must be null or an integer of at least ${min}.`, param);
}

/** Checks a record before it is written; a violation is a caller bug, reported as `invalid_argument`. */
export function encodeAccessKey(record: VirtualKeyRecord): unknown[] {
  checkText(record.id, 'id');
  checkText(record.projectId, 'projectId');
  checkText(record.hint, 'hint');
  if (typeof record.keyHash !== 'string' || !SHA256_HEX.test(record.keyHash))
    throw invalid('keyHash must be 64 lower-case hex digits (a SHA-256).', 'keyHash');
  if (record.name !== null) checkText(record.name, 'name');
  if (
    record.models !== null &&
    (!Array.isArray(record.models) || record.models.some((m) => typeof m !== 'string'))
  )
    throw invalid('models must be null or an array of model names.', 'models');
  checkCount(record.rpm, 'rpm', 1);
  checkCount(record.tpm, 'tpm', 1);
  checkCount(record.expiresAt, 'expiresAt', 0);
  checkCount(record.createdAt, 'createdAt', 0);
  checkCount(record.revokedAt, 'revokedAt', 0);
  if (record.budget !== null) {
    checkCount(record.budget.nanoUsd, 'budget.nanoUsd', 0);
    if (!PERIODS.has(record.budget.period))
      throw invalid('budget.period must be day, week, month or total.', 'budget.period');
  }
  return [
    record.id,
    record.keyHash,
    record.projectId,
    record.name,
    record.hint,
    record.models === null ? null : JSON.stringify(record.models),
    record.rpm,
    record.tpm,
    record.budget?.nanoUsd ?? null,
    record.budget?.period ?? null,
    record.expiresAt,
    record.createdAt,
    record.revokedAt,
  ];
}

function numberOrNull(value: number | string | null): number | null {
  return value === null ? null : Number(value);
}

function decodeModels(id: string, json: string | null): string[] | null {
  if (json === null) return null;
  let models: unknown;
  try {
    models = JSON.parse(json);
  } catch (error) {
    models = error;
  }
  if (!Array.isArray(models) || models.some((model) => typeof model !== 'string')) {
    throw new StoreError({
      code: 'corrupt_record',
      message: `Stored key ${id} has an unreadable model list. Revoke it and create a new one.`,
    });
  }
  return models as string[];
}

/** Reads a row back (bigint columns arrive as strings from `pg`; every stored value is a safe integer). */
export function decodeAccessKey(row: AccessKeyRow): VirtualKeyRecord {
  const budgetNanoUsd = numberOrNull(row.budget_nano_usd);
  const period = row.budget_period;
  return {
    id: row.id,
    keyHash: row.key_hash,
    projectId: row.project_id,
    name: row.name,
    hint: row.hint,
    models: decodeModels(row.id, row.models),
    rpm: row.rpm,
    tpm: row.tpm,
    budget:
      budgetNanoUsd !== null && period !== null && PERIODS.has(period)
        ? { nanoUsd: budgetNanoUsd, period: period as BudgetPeriod }
        : null,
    expiresAt: numberOrNull(row.expires_at),
    createdAt: Number(row.created_at),
    revokedAt: numberOrNull(row.revoked_at),
  };
}
