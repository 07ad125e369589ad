import Database from 'better-sqlite3';
import { StoreError } from './store-error.js';

/** Primary result codes (extended codes such as SQLITE_BUSY_SNAPSHOT share the prefix). */
const UNAVAILABLE = ['SQLITE_BUSY', 'SQLITE_LOCKED', 'SQLITE_FULL', 'SQLITE_IOERR'];
const BAD_LOCATION = ['SQLITE_NOTADB', 'SQLITE_CANTOPEN', 'SQLITE_READONLY', 'SQLITE_CORRUPT', 'SQLITE_PERM'];

/**
 * Converts whatever better-sqlite3 threw during `action` into a StoreError (kept as `cause`), so
 * callers branch on `code` and never on driver internals.
 */
export function toSqliteStoreError(error: unknown, action: string): StoreError {
  if (StoreError.isInstance(error)) {
    return error;
  }
  if (error instanceof Database.SqliteError) {
    if (UNAVAILABLE.some((prefix) => error.code.startsWith(prefix))) {
      return new StoreError({
        code: 'unavailable',
        message: `SQLite could not ${action}: ${error.message} (${error.code}). Another process may hold the write lock, or the disk is full; retry, or raise busyTimeoutMs.`,
        cause: error,
      });
    }
    if (BAD_LOCATION.some((prefix) => error.code.startsWith(prefix))) {
      return new StoreError({
        code: 'invalid_location',
        message: `SQLite could not ${action}: ${error.message} (${error.code}). Point the store at a writable path for a new file or the gateway's own database file.`,
        cause: error,
      });
    }
  }
  const detail = error instanceof Error ? error.message : String(error);
  return new StoreError({
    code: 'backend_error',
    message: `SQLite could not ${action}: ${detail}.`,
    cause: error,
  });
}
