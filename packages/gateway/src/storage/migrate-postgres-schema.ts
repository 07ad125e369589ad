import type { Pool } from 'pg';
import { StoreError } from './store-error.js';

/** Key of the transaction-scoped advisory lock that serializes migrations ("toolbrdg" as int8). */
const MIGRATION_LOCK_KEY = '8390047142113338471';

/**
 * `column::text` with the `\u0000` and lone-surrogate escapes replaced by `\ufffd`. PostgreSQL's `->`
 * on `json` de-escapes the whole document and fails on those escapes, which stored JSON may hold
 * (tool output, metadata keys); the copy always parses and keeps every id that matters.
 */
function withoutFatalEscapes(column: string): string {
  return String.raw`regexp_replace(${column}::text, '\\u(0000|[dD][89a-fA-F][0-9a-fA-F]{2})', '\\ufffd', 'g')`;
}

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
  // 2: the item index behind `findItems` (ADR 0005), backfilled from the stored JSON. Output items
  // carry their JSON; input items are cut out of input_items by the gateway. No foreign key: save,
  // delete and retention write both tables in one statement, and findItems joins the responses, so
  // rows left by a hand-made DELETE are never returned. Backfill skips ids that are not plain
  // strings of 1–256 characters, and output items holding \u0000 or lone-surrogate escapes.
  `CREATE TABLE toolbridge_response_items (
     response_id text NOT NULL,
     item_index integer NOT NULL,
     item_id text NOT NULL,
     output_item json,
     PRIMARY KEY (response_id, item_index)
   );
   CREATE INDEX toolbridge_response_items_item_id ON toolbridge_response_items (item_id);
   INSERT INTO toolbridge_response_items (response_id, item_index, item_id, output_item)
   SELECT response_id, item_index, raw_id #>> '{}', output_item FROM (
     SELECT response_id, item_index, output_item, ${withoutFatalEscapes('item')}::json -> 'id' AS raw_id
       FROM (
         SELECT r.id AS response_id, (e.ordinality - 1)::integer AS item_index, e.value AS item,
                NULL::json AS output_item
           FROM toolbridge_responses r,
                json_array_elements(CASE json_typeof(r.input_items) WHEN 'array' THEN r.input_items
                                    ELSE '[]'::json END) WITH ORDINALITY AS e (value, ordinality)
         UNION ALL
         SELECT r.id, (json_array_length(r.input_items) + e.ordinality - 1)::integer, e.value, e.value
           FROM toolbridge_responses r
                CROSS JOIN LATERAL (SELECT ${withoutFatalEscapes('r.response')}::json -> 'output' AS list) o,
                json_array_elements(CASE WHEN json_typeof(r.input_items) = 'array'
                                          AND json_typeof(o.list) = 'array'
                                         THEN o.list ELSE '[]'::json END) WITH ORDINALITY AS e (value, ordinality)
          WHERE strpos(e.value::text, '\\ufffd') = 0
       ) AS items
   ) AS ids
   WHERE json_typeof(raw_id) = 'string' AND strpos(raw_id::text, '\\') = 0
     AND length(raw_id::text) BETWEEN 3 AND 258;`,
  // 3: projects (docs/configuration.md#projects-keys-and-limits). Every response belongs to the
  // project of the key that created it; rows stored before projects existed go to the default
  // project (a constant default: no table rewrite). Items need no column: findItems joins them.
  `ALTER TABLE toolbridge_responses ADD COLUMN project_id text NOT NULL DEFAULT 'default';`,
  // 4: virtual keys (only the SHA-256 of a key is stored), fixed one-minute rate windows, and spend
  // per budget period, in nano-USD so sums stay exact integers. Counters change with atomic upserts.
  `CREATE TABLE toolbridge_access_keys (
     id text PRIMARY KEY,
     key_hash text NOT NULL UNIQUE,
     project_id text NOT NULL,
     name text,
     hint text NOT NULL,
     models json,
     rpm integer,
     tpm integer,
     budget_nano_usd bigint,
     budget_period text,
     expires_at bigint,
     created_at bigint NOT NULL,
     revoked_at bigint
   );
   CREATE INDEX toolbridge_access_keys_project ON toolbridge_access_keys (project_id, created_at);
   CREATE TABLE toolbridge_access_rate_windows (
     key_id text NOT NULL,
     window_start bigint NOT NULL,
     requests integer NOT NULL,
     tokens bigint NOT NULL,
     PRIMARY KEY (key_id, window_start)
   );
   CREATE TABLE toolbridge_access_spend (
     key_id text NOT NULL,
     period_start bigint NOT NULL,
     nano_usd bigint NOT NULL,
     PRIMARY KEY (key_id, period_start)
   );`,
  // 5: the trace viewer (docs/observability.md#stored-metadata): columns beside each response for the
  // list (model, status, tokens, backfilled from the JSON) and what only the gateway knows (provider,
  // cost, latency; adjustments and repairs in `trace`, text because nothing queries into it); an index
  // for newest-first paging; and stored Chat Completions, listed in `seq` order, scoped by `project_id`.
  `ALTER TABLE toolbridge_responses
     ADD COLUMN model text, ADD COLUMN status text, ADD COLUMN provider text,
     ADD COLUMN input_tokens integer, ADD COLUMN output_tokens integer, ADD COLUMN cached_tokens integer,
     ADD COLUMN cost_usd double precision, ADD COLUMN latency_ms double precision, ADD COLUMN trace text;
   UPDATE toolbridge_responses r SET
     model = CASE json_typeof(j.doc -> 'model') WHEN 'string' THEN j.doc ->> 'model' END,
     status = CASE json_typeof(j.doc -> 'status') WHEN 'string' THEN j.doc ->> 'status' END,
     input_tokens = CASE json_typeof(j.doc #> '{usage,input_tokens}') WHEN 'number'
                      THEN (j.doc #>> '{usage,input_tokens}')::numeric::integer END,
     output_tokens = CASE json_typeof(j.doc #> '{usage,output_tokens}') WHEN 'number'
                       THEN (j.doc #>> '{usage,output_tokens}')::numeric::integer END,
     cached_tokens = CASE json_typeof(j.doc #> '{usage,input_tokens_details,cached_tokens}') WHEN 'number'
                       THEN (j.doc #>> '{usage,input_tokens_details,cached_tokens}')::numeric::integer END
   FROM (SELECT id, ${withoutFatalEscapes('response')}::json AS doc FROM toolbridge_responses) j
   WHERE j.id = r.id AND json_typeof(j.doc) = 'object';
   CREATE INDEX toolbridge_responses_created_at_id ON toolbridge_responses (created_at, id);
   CREATE TABLE toolbridge_chat_completions (
     seq bigserial PRIMARY KEY,
     id text NOT NULL UNIQUE,
     project_id text NOT NULL DEFAULT 'default',
     created_at bigint NOT NULL,
     model text NOT NULL,
     metadata json,
     messages json NOT NULL,
     completion json NOT NULL,
     provider text,
     status text,
     input_tokens integer,
     output_tokens integer,
     cached_tokens integer,
     cost_usd double precision,
     latency_ms double precision,
     trace text
   );
   CREATE INDEX toolbridge_chat_completions_project_seq ON toolbridge_chat_completions (project_id, seq);
   CREATE INDEX toolbridge_chat_completions_created_at_id ON toolbridge_chat_completions (created_at, id);`,
  // 6: the Response's output items beside it, so following a previous_response_id chain sends each
  // response's input and output items without the Response (which echoes every tool). Rows stored
  // before keep NULL and are read from the Response's JSON instead.
  'ALTER TABLE toolbridge_responses ADD COLUMN output json;',
  // 7: step 1's index on created_at alone is a prefix of step 5's (created_at, id), which serves the
  // same lookups (retention's `created_at < $1`); keeping both cost every save a second index write.
  'DROP INDEX IF EXISTS toolbridge_responses_created_at;',
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
