import { mkdirSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { StoreError } from './store-error.js';
import { toSqliteStoreError } from './to-sqlite-store-error.js';

/**
 * Opens the better-sqlite3 connection for `location`, creating parent directories. A directory or
 * an unwritable path fails with `invalid_location` naming what to change.
 */
export function openSqliteDatabase(location: string): Database.Database {
  if (location !== ':memory:') {
    const path = resolve(location);
    let isDirectory: boolean;
    try {
      isDirectory = statSync(path, { throwIfNoEntry: false })?.isDirectory() === true;
      if (!isDirectory) {
        mkdirSync(dirname(path), { recursive: true });
      }
    } catch (error) {
      throw new StoreError({
        code: 'invalid_location',
        message: `Cannot create the directory for ${path} (${error instanceof Error ? error.message : String(error)}). Choose a writable location.`,
        cause: error,
      });
    }
    if (isDirectory) {
      throw new StoreError({
        code: 'invalid_location',
        message: `Storage location ${path} is a directory. Give a file path inside it, e.g. ${path}/toolbridge.db.`,
      });
    }
  }
  try {
    return new Database(location);
  } catch (error) {
    throw toSqliteStoreError(error, `open ${location}`);
  }
}
