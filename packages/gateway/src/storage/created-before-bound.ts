import { StoreError } from './store-error.js';

/**
 * Turns `deleteOlderThan`'s argument into an integer bound with the same meaning
 * (`created_at < bound`; created_at is an integer), so PostgreSQL compares bigint with bigint and
 * keeps using the index. NaN or Infinity would silently delete nothing or everything: rejected.
 */
export function createdBeforeBound(createdBefore: number): number {
  if (!Number.isFinite(createdBefore)) {
    throw new StoreError({
      code: 'invalid_argument',
      message: `createdBefore must be a finite number of unix seconds, got ${String(createdBefore)}.`,
      param: 'createdBefore',
    });
  }
  const limit = Number.MAX_SAFE_INTEGER + 1;
  return Math.min(limit, Math.max(-limit, Math.ceil(createdBefore)));
}

/**
 * The row budget of one `deleteOlderThan` call: `maxRows` when given (a positive integer, else
 * `invalid_argument`), otherwise unbounded.
 */
export function deleteRowBudget(options: { maxRows?: number } | undefined): number {
  const maxRows = options?.maxRows;
  if (maxRows === undefined) return Number.POSITIVE_INFINITY;
  if (!Number.isSafeInteger(maxRows) || maxRows < 1) {
    throw new StoreError({
      code: 'invalid_argument',
      message: `maxRows must be a positive integer, got ${String(maxRows)}.`,
      param: 'maxRows',
    });
  }
  return maxRows;
}
