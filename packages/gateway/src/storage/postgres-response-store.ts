import { Pool, type QueryResultRow } from 'pg';
import { assembleChain, resolveMaxDepth } from './assemble-chain.js';
import { createdBeforeBound } from './created-before-bound.js';
import { decodeInputItems, decodeStoredResponse } from './decode-stored-response.js';
import { storageDefaults } from './defaults.js';
import { type EncodedStoredResponse, encodeStoredResponse } from './encode-stored-response.js';
import { migratePostgresSchema } from './migrate-postgres-schema.js';
import { paginateInputItems } from './paginate-input-items.js';
import type {
  InputItemsPage,
  ListInputItemsOptions,
  LoadChainOptions,
  ResponseStore,
  StoredResponse,
} from './response-store.js';
import { StoreError } from './store-error.js';
import { toPostgresStoreError } from './to-postgres-store-error.js';

/** Options of `PostgresResponseStore.open`. */
export interface PostgresResponseStoreOptions {
  /** Pool size per gateway instance. */
  maxConnections?: number;
  /** How long to wait for a free or new connection before failing with `unavailable`. */
  connectionTimeoutMs?: number;
  idleTimeoutMs?: number;
  /** Errors of idle pooled connections (server restart, network drop); the pool replaces them. */
  onBackgroundError?: (error: StoreError) => void;
}

/** Row shape of every SELECT below: JSON cast to text so `pg` hands over the exact stored bytes. */
interface ResponseRow extends QueryResultRow {
  id: string;
  created_at: string;
  previous_response_id: string | null;
  input_items: string;
  response: string;
}

const ROW_COLUMNS = 'r.id, r.created_at, r.previous_response_id, r.input_items::text, r.response::text';

const INSERT = `INSERT INTO toolbridge_responses (id, created_at, previous_response_id, input_items, response)
  VALUES ($1, $2, $3, $4::json, $5::json) ON CONFLICT (id) DO NOTHING`;
const SELECT = `SELECT ${ROW_COLUMNS} FROM toolbridge_responses r WHERE r.id = $1`;
const SELECT_INPUT_ITEMS = 'SELECT input_items::text AS input_items FROM toolbridge_responses WHERE id = $1';
const DELETE = 'DELETE FROM toolbridge_responses WHERE id = $1';
// Walk ids only, then join for the JSON; recursion stops after maxDepth + 1 rows so assembleChain
// can tell "too long" (or a loop) from "reached the root".
const SELECT_CHAIN = `WITH RECURSIVE chain (id, previous_response_id, depth) AS (
    SELECT id, previous_response_id, 0 FROM toolbridge_responses WHERE id = $1
    UNION ALL
    SELECT p.id, p.previous_response_id, c.depth + 1
      FROM toolbridge_responses p JOIN chain c ON p.id = c.previous_response_id
     WHERE c.depth < $2
  )
  SELECT ${ROW_COLUMNS} FROM chain c JOIN toolbridge_responses r ON r.id = c.id ORDER BY c.depth DESC`;
const DELETE_OLDER_BATCH = `DELETE FROM toolbridge_responses WHERE id IN
  (SELECT id FROM toolbridge_responses WHERE created_at < $1 LIMIT $2)`;

/**
 * The shared store for several gateway instances behind a load balancer: one PostgreSQL
 * database, a `pg` pool per instance, schema migrated on open.
 */
export class PostgresResponseStore implements ResponseStore {
  readonly #pool: Pool;
  #closed = false;

  private constructor(pool: Pool) {
    this.#pool = pool;
  }

  /**
   * Connects, migrates the schema (under an advisory lock) and returns the store. Tables go to
   * the first schema of `search_path`; set it with `?options=-c%20search_path%3Dmy_schema`.
   */
  static async open(url: string, options: PostgresResponseStoreOptions = {}): Promise<PostgresResponseStore> {
    const {
      maxConnections = storageDefaults.postgresPool.maxConnections,
      connectionTimeoutMs = storageDefaults.postgresPool.connectionTimeoutMs,
      idleTimeoutMs = storageDefaults.postgresPool.idleTimeoutMs,
      onBackgroundError = () => undefined,
    } = options;
    const pool = new Pool({
      connectionString: url,
      max: maxConnections,
      connectionTimeoutMillis: connectionTimeoutMs,
      idleTimeoutMillis: idleTimeoutMs,
    });
    // Without a listener an idle connection's error (e.g. server restart) would crash the process.
    pool.on('error', (error) => onBackgroundError(toPostgresStoreError(error, 'keep an idle connection')));
    try {
      await migratePostgresSchema(pool);
    } catch (error) {
      await pool.end().catch(() => undefined);
      throw toPostgresStoreError(error, 'open the response store');
    }
    return new PostgresResponseStore(pool);
  }

  async save(record: StoredResponse): Promise<void> {
    const row = encodeStoredResponse(record);
    const result = await this.#query('save', INSERT, [
      row.id,
      row.createdAt,
      row.previousResponseId,
      row.inputItemsJson,
      row.responseJson,
    ]);
    if (result.rowCount === 0) {
      throw new StoreError({
        code: 'conflict',
        message: `A response with id ${row.id} is already stored. Response ids must be unique; generate a new one.`,
        responseId: row.id,
      });
    }
  }

  async get(id: string): Promise<StoredResponse | null> {
    const { rows } = await this.#query<ResponseRow>('get', SELECT, [id]);
    const row = rows[0];
    return row === undefined ? null : decodeStoredResponse(toEncoded(row));
  }

  async delete(id: string): Promise<boolean> {
    const result = await this.#query('delete', DELETE, [id]);
    return (result.rowCount ?? 0) > 0;
  }

  async loadChain(id: string, options?: LoadChainOptions): Promise<StoredResponse[] | null> {
    const maxDepth = resolveMaxDepth(options);
    const { rows } = await this.#query<ResponseRow>('loadChain', SELECT_CHAIN, [id, maxDepth]);
    return assembleChain(id, rows.map(toEncoded), maxDepth);
  }

  async listInputItems(id: string, options?: ListInputItemsOptions): Promise<InputItemsPage | null> {
    const { rows } = await this.#query<{ input_items: string }>('listInputItems', SELECT_INPUT_ITEMS, [id]);
    const row = rows[0];
    return row === undefined ? null : paginateInputItems(decodeInputItems(id, row.input_items), options);
  }

  async deleteOlderThan(createdBefore: number): Promise<number> {
    const bound = createdBeforeBound(createdBefore);
    const batchSize = storageDefaults.retentionBatchSize;
    let deleted = 0;
    for (;;) {
      const result = await this.#query('deleteOlderThan', DELETE_OLDER_BATCH, [bound, batchSize]);
      const changes = result.rowCount ?? 0;
      deleted += changes;
      if (changes < batchSize) {
        return deleted;
      }
    }
  }

  async close(): Promise<void> {
    if (!this.#closed) {
      this.#closed = true;
      await this.#pool.end();
    }
  }

  async #query<Row extends QueryResultRow = QueryResultRow>(action: string, text: string, values: unknown[]) {
    if (this.#closed) {
      throw new StoreError({ code: 'closed', message: `Cannot ${action}: the response store is closed.` });
    }
    try {
      return await this.#pool.query<Row>(text, values);
    } catch (error) {
      throw toPostgresStoreError(error, action);
    }
  }
}

function toEncoded(row: ResponseRow): EncodedStoredResponse {
  return {
    id: row.id,
    // bigint arrives as a string; save() only accepts safe integers, so Number() is exact.
    createdAt: Number(row.created_at),
    previousResponseId: row.previous_response_id,
    inputItemsJson: row.input_items,
    responseJson: row.response,
  };
}
