import type { Pool } from 'pg';
import { StoreError } from './store-error.js';

/** Key of the transaction-scoped advisory lock that serializes migrations ("toolbrdg" as int8). */
const MIGRATION_LOCK_KEY = '8390047142113338471';

/**
 * Schema steps, applied in order and recorded in `toolbridge_schema_migrations`. Append only.
 * JSON columns are `json`, not `jsonb`: `json` keeps the exact text the client received (key
 * order, `\u0000`, lone surrogates), while `jsonb` reorders keys and rejects both escapes.
 * The tables live in the first schema of the connection's `search_path`.
 */
const MIGRATIONS: readonly string[] = [
  `CREATE TABLE toolbridge_responses (
     id text PRIMARY KEY,
     created_at bigint NOT NULL,
     previous_response_id text,
     input_items json NOT NULL,
     response json NOT NULL
   );
   CREATE INDEX toolbridge_responses_created_at ON toolbridge_responses (created_at);`,
];

/**
 * Brings the database to the current schema in one transaction. The advisory lock makes
 * gateway instances that start together wait for each other instead of racing on DDL.
 */
export async function migratePostgresSchema(pool: Pool): Promise<void> {
  const client = await pool.connect();
  let failure: unknown;
  try {
    await client.query('BEGIN');
    await client.query(`SELECT pg_advisory_xact_lock(${MIGRATION_LOCK_KEY})`);
    await client.query(
      `CREATE TABLE IF NOT EXISTS toolbridge_schema_migrations (
         version integer PRIMARY KEY,
         applied_at timestamptz NOT NULL DEFAULT now()
       )`,
    );
    const result = await client.query<{ version: number }>(
      'SELECT coalesce(max(version), 0)::integer AS version FROM toolbridge_schema_migrations',
    );
    const version = result.rows[0]?.version ?? 0;
    if (version > MIGRATIONS.length) {
      throw new StoreError({
        code: 'migration_failed',
        message: `The PostgreSQL schema has version ${version}, newer than this gateway knows (${MIGRATIONS.length}). Upgrade every gateway instance to the same release.`,
      });
    }
    for (const [index, step] of MIGRATIONS.entries()) {
      if (index + 1 > version) {
        await client.query(step);
        await client.query('INSERT INTO toolbridge_schema_migrations (version) VALUES ($1)', [index + 1]);
      }
    }
    await client.query('COMMIT');
  } catch (error) {
    failure = error;
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    // A connection that failed mid-transaction is discarded rather than reused.
    client.release(failure instanceof Error ? failure : undefined);
  }
}
