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
  // 2: the item index behind `findItems` (ADR 0005), backfilled from the stored JSON. Output items
  // carry their JSON; input items are read from input_items[item_index]. The trigger keeps the
  // index in step with every delete (route, retention, or by hand). Backfill skips ids that are
  // not plain strings of 1–256 characters without escapes (no real id has any).
  `CREATE TABLE response_items (
     response_id TEXT NOT NULL,
     item_index INTEGER NOT NULL,
     item_id TEXT NOT NULL,
     output_item TEXT,
     PRIMARY KEY (response_id, item_index)
   ) STRICT, WITHOUT ROWID;
   CREATE INDEX response_items_item_id ON response_items (item_id);
   CREATE TRIGGER responses_delete_items AFTER DELETE ON responses BEGIN
     DELETE FROM response_items WHERE response_id = OLD.id;
   END;
   INSERT INTO response_items (response_id, item_index, item_id, output_item)
   SELECT response_id, item_index, raw_id ->> '$', output_item FROM (
     SELECT r.id AS response_id, e.key AS item_index,
            CASE e.type WHEN 'object' THEN e.value -> '$.id' END AS raw_id, NULL AS output_item
       FROM responses r,
            json_each(CASE WHEN json_valid(r.input_items) THEN
                        CASE json_type(r.input_items) WHEN 'array' THEN r.input_items END END) e
     UNION ALL
     SELECT r.id, json_array_length(r.input_items) + e.key,
            CASE e.type WHEN 'object' THEN e.value -> '$.id' END, e.value
       FROM responses r,
            json_each(CASE WHEN json_valid(r.input_items) AND json_valid(r.response) THEN
                        CASE json_type(r.input_items) WHEN 'array' THEN
                          CASE json_type(r.response, '$.output') WHEN 'array' THEN r.response END END END,
                      '$.output') e
   )
   WHERE json_type(raw_id) = 'text' AND instr(raw_id, '\\') = 0 AND length(raw_id) BETWEEN 3 AND 258;`,
  // 3: projects (docs/configuration.md#projects-keys-and-limits). Every response belongs to the
  // project of the key that created it; rows stored before projects existed go to the default
  // project. Items need no column: findItems joins their response.
  `ALTER TABLE responses ADD COLUMN project_id TEXT NOT NULL DEFAULT 'default';`,
  // 4: virtual keys (only the SHA-256 of a key is stored), fixed one-minute rate windows, and spend
  // per budget period, in nano-USD so sums stay exact integers.
  `CREATE TABLE access_keys (
     id TEXT PRIMARY KEY NOT NULL,
     key_hash TEXT NOT NULL UNIQUE,
     project_id TEXT NOT NULL,
     name TEXT,
     hint TEXT NOT NULL,
     models TEXT,
     rpm INTEGER,
     tpm INTEGER,
     budget_nano_usd INTEGER,
     budget_period TEXT,
     expires_at INTEGER,
     created_at INTEGER NOT NULL,
     revoked_at INTEGER
   ) STRICT;
   CREATE INDEX access_keys_project ON access_keys (project_id, created_at);
   CREATE TABLE access_rate_windows (
     key_id TEXT NOT NULL,
     window_start INTEGER NOT NULL,
     requests INTEGER NOT NULL,
     tokens INTEGER NOT NULL,
     PRIMARY KEY (key_id, window_start)
   ) STRICT, WITHOUT ROWID;
   CREATE TABLE access_spend (
     key_id TEXT NOT NULL,
     period_start INTEGER NOT NULL,
     nano_usd INTEGER NOT NULL,
     PRIMARY KEY (key_id, period_start)
   ) STRICT, WITHOUT ROWID;`,
  // 5: the trace viewer (docs/observability.md#stored-metadata): columns beside each response for the
  // list (model, status, tokens, backfilled from the JSON) and what only the gateway knows (provider,
  // cost, latency, adjustments and repairs in `trace`); an index for newest-first paging; and stored
  // Chat Completions, whose `seq` (the rowid) is the list order. `project_id` scopes every query.
  `ALTER TABLE responses ADD COLUMN model TEXT;
   ALTER TABLE responses ADD COLUMN status TEXT;
   ALTER TABLE responses ADD COLUMN provider TEXT;
   ALTER TABLE responses ADD COLUMN input_tokens INTEGER;
   ALTER TABLE responses ADD COLUMN output_tokens INTEGER;
   ALTER TABLE responses ADD COLUMN cached_tokens INTEGER;
   ALTER TABLE responses ADD COLUMN cost_usd REAL;
   ALTER TABLE responses ADD COLUMN latency_ms REAL;
   ALTER TABLE responses ADD COLUMN trace TEXT;
   UPDATE responses SET
     model = CAST(response ->> '$.model' AS TEXT),
     status = CAST(response ->> '$.status' AS TEXT),
     input_tokens = CAST(response ->> '$.usage.input_tokens' AS INTEGER),
     output_tokens = CAST(response ->> '$.usage.output_tokens' AS INTEGER),
     cached_tokens = CAST(response ->> '$.usage.input_tokens_details.cached_tokens' AS INTEGER)
   WHERE json_valid(response) AND json_type(response) = 'object';
   CREATE INDEX responses_created_at_id ON responses (created_at, id);
   CREATE TABLE chat_completions (
     seq INTEGER PRIMARY KEY,
     id TEXT NOT NULL UNIQUE,
     project_id TEXT NOT NULL DEFAULT 'default',
     created_at INTEGER NOT NULL,
     model TEXT NOT NULL,
     metadata TEXT,
     messages TEXT NOT NULL,
     completion TEXT NOT NULL,
     provider TEXT,
     status TEXT,
     input_tokens INTEGER,
     output_tokens INTEGER,
     cached_tokens INTEGER,
     cost_usd REAL,
     latency_ms REAL,
     trace TEXT
   ) STRICT;
   CREATE INDEX chat_completions_project_seq ON chat_completions (project_id, seq);
   CREATE INDEX chat_completions_created_at_id ON chat_completions (created_at, id);`,
  // 6: the Response's output items beside it, so following a previous_response_id chain reads each
  // response's input and output items without parsing the Response (which echoes every tool: 20 KB
  // for 50 tools, on every response of an agent's chain). Rows stored before keep NULL and are read
  // from the Response's JSON instead.
  'ALTER TABLE responses ADD COLUMN output TEXT;',
  // 7: step 1's index on created_at alone is a prefix of step 5's (created_at, id), which serves the
  // same lookups (retention's `created_at < ?`); keeping both cost every save a second index write.
  'DROP INDEX IF EXISTS responses_created_at;',
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
