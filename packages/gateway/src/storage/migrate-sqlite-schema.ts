import type { Database } from 'better-sqlite3';
import { StoreError } from './store-error.js';

/**
 * Schema steps, applied in order; `PRAGMA user_version` records how many ran. Append only: a
 * released step never changes. JSON is TEXT (the exact bytes the client got, no re-encoding).
 */
const MIGRATIONS: readonly string[] = [
  `CREATE TABLE responses (
     id TEXT PRIMARY KEY NOT NULL,
     created_at INTEGER NOT NULL,
     previous_response_id TEXT,
     input_items TEXT NOT NULL,
     response TEXT NOT NULL
   ) STRICT;
   CREATE INDEX responses_created_at ON responses (created_at);`,
];

/**
 * Brings the database to the current schema. Runs under `BEGIN IMMEDIATE`, so two gateway
 * processes opening the same file at once apply each step exactly once.
 */
export function migrateSqliteSchema(database: Database): void {
  const migrate = database.transaction(() => {
    const version = database.pragma('user_version', { simple: true });
    if (typeof version !== 'number' || version > MIGRATIONS.length) {
      throw new StoreError({
        code: 'migration_failed',
        message: `The SQLite database has schema version ${String(version)}, newer than this gateway knows (${MIGRATIONS.length}). Upgrade the gateway or point it at another file.`,
      });
    }
    for (const step of MIGRATIONS.slice(version)) {
      database.exec(step);
    }
    // PRAGMA takes no bound parameters; the value is our own integer.
    database.pragma(`user_version = ${MIGRATIONS.length}`);
  });
  migrate.immediate();
}
