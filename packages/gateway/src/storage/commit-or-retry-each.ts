import type { StoreError } from './store-error.js';
import { toSqliteStoreError } from './to-sqlite-store-error.js';

/**
 * Commits `entries` with `commitBatch` (one transaction) and returns each one's outcome. A failure
 * that is not about the lock, the disk or a closed store may come from one entry: then each entry is
 * committed alone, so only it fails; the failed transaction was rolled back whole, so nothing is
 * written twice. Both SQLite stores' group commits (ADR 0005) end here.
 */
export function commitOrRetryEach<Entry, Result>(
  entries: readonly Entry[],
  action: string,
  commitBatch: (batch: readonly Entry[]) => ReadonlyArray<Result | StoreError>,
): ReadonlyArray<Result | StoreError> {
  try {
    return commitBatch(entries);
  } catch (error) {
    const storeError = toSqliteStoreError(error, action);
    if (entries.length === 1 || storeError.code === 'unavailable' || storeError.code === 'closed') {
      return entries.map(() => storeError);
    }
    return entries.map((entry) => {
      try {
        return commitBatch([entry])[0] as Result | StoreError;
      } catch (entryError) {
        return toSqliteStoreError(entryError, action);
      }
    });
  }
}
