import { randomBytes } from 'node:crypto';
import type { AccessStore, VirtualKeyRecord } from '../storage/access-store.js';
import { hashKey } from './hash-key.js';
import type { NewKeySpec } from './key-spec.js';
import { PROJECT_NAME, projectNameProblem } from './project-name.js';

/** Prefix of every virtual key: recognisable in a leaked file, and unlike upstream keys. */
export const VIRTUAL_KEY_PREFIX = 'sk-tb-';

/** A key just made: the secret (shown once, never stored) and what the store keeps. */
export interface CreatedVirtualKey {
  key: string;
  record: VirtualKeyRecord;
}

function positive(value: number | null | undefined, what: string): number | null {
  if (value === null || value === undefined) return null;
  if (!Number.isSafeInteger(value) || value < 1)
    throw new RangeError(`${what} must be a whole number of at least 1.`);
  return value;
}

/**
 * Makes a virtual key (192 random bits) for a project and stores only its SHA-256 with its limits
 * (docs/configuration.md#projects-keys-and-limits). Throws a RangeError with a readable message for
 * a spec it cannot accept; the CLI and the admin API turn it into their own errors.
 */
export async function createVirtualKey(
  store: AccessStore,
  spec: NewKeySpec,
  nowMs: number = Date.now(),
): Promise<CreatedVirtualKey> {
  if (!PROJECT_NAME.test(spec.project)) throw new RangeError(projectNameProblem(spec.project));
  const models = spec.models ?? null;
  if (models !== null && (models.length === 0 || models.some((model) => model.trim() === '')))
    throw new RangeError('models must name at least one model, without empty names.');
  const budget = spec.budget ?? null;
  if (budget !== null && !(Number.isFinite(budget.usd) && budget.usd >= 0))
    throw new RangeError('The budget must be a non-negative amount of USD.');
  const key = `${VIRTUAL_KEY_PREFIX}${randomBytes(24).toString('base64url')}`;
  const record: VirtualKeyRecord = {
    id: `key_${randomBytes(8).toString('hex')}`,
    keyHash: hashKey(key).toString('hex'),
    projectId: spec.project,
    name: spec.name ?? null,
    hint: `${VIRTUAL_KEY_PREFIX}…${key.slice(-4)}`,
    models,
    rpm: positive(spec.rpm, 'rpm'),
    tpm: positive(spec.tpm, 'tpm'),
    budget: budget === null ? null : { nanoUsd: Math.round(budget.usd * 1e9), period: budget.period },
    expiresAt: spec.expiresAt ?? null,
    createdAt: Math.floor(nowMs / 1000),
    revokedAt: null,
  };
  await store.createKey(record);
  return { key, record };
}
