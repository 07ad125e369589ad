import { Pool, type QueryResultRow } from 'pg';
import { assembleChain, assembleChainItems, resolveMaxDepth } from './assemble-chain.js';
import type { ChatCompletionStore } from './chat-completion-store.js';
import { collectFoundItems, type FoundItemRow, lookupIds, parseItemJson } from './collect-found-items.js';
import { createdBeforeBound, deleteRowBudget } from './created-before-bound.js';
import { decodeInputItems, decodeStoredResponse } from './decode-stored-response.js';
import { storageDefaults } from './defaults.js';
import { type EncodedStoredResponse, encodeStoredResponse } from './encode-stored-response.js';
import { migratePostgresSchema } from './migrate-postgres-schema.js';
import { paginateInputItems } from './paginate-input-items.js';
import { type PgQuery, PostgresChatCompletionStore } from './postgres-chat-completion-store.js';
import { PostgresTrafficStore } from './postgres-traffic-store.js';
import type {
  DeleteOlderThanOptions,
  InputItemsPage,
  ListInputItemsOptions,
  LoadChainOptions,
  ResponseStore,
  ResponsesInputItem,
  StoredResponse,
} from './response-store.js';
import { StoreError } from './store-error.js';
import { toPostgresStoreError } from './to-postgres-store-error.js';
import type { TrafficStore } from './traffic-store.js';

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

/** A row of the chain-items query: the Response's output instead of the Response. */
interface ChainItemsRow extends QueryResultRow {
  id: string;
  previous_response_id: string | null;
  input_items: string;
  output: string | null;
}

const ROW_COLUMNS = 'r.id, r.created_at, r.previous_response_id, r.input_items::text, r.response::text';

// One statement writes the response and its item index rows, atomically and in one round trip; on a
// conflict `saved` is empty, so neither is written.
const INSERT = `WITH saved AS (
    INSERT INTO toolbridge_responses (id, created_at, previous_response_id, input_items, response, project_id,
      model, status, provider, input_tokens, output_tokens, cached_tokens, cost_usd, latency_ms, trace, output)
    VALUES ($1, $2, $3, $4::json, $5::json, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19::json)
    ON CONFLICT (id) DO NOTHING RETURNING id
  ), indexed AS (
    INSERT INTO toolbridge_response_items (response_id, item_index, item_id, output_item)
    SELECT saved.id, i.item_index, i.item_id, i.output_item::json
      FROM saved, unnest($6::integer[], $7::text[], $8::text[]) AS i (item_index, item_id, output_item)
  )
  SELECT count(*)::integer AS saved FROM saved`;
const SELECT = `SELECT ${ROW_COLUMNS} FROM toolbridge_responses r WHERE r.id = $1 AND r.project_id = $2`;
const SELECT_INPUT_ITEMS =
  'SELECT input_items::text AS input_items FROM toolbridge_responses WHERE id = $1 AND project_id = $2';
// Responses and their index rows go in one statement (same snapshot, one transaction).
const DELETE = `WITH gone AS (DELETE FROM toolbridge_responses WHERE id = $1 AND project_id = $2 RETURNING id),
  unindexed AS (DELETE FROM toolbridge_response_items WHERE response_id IN (SELECT id FROM gone))
  SELECT count(*)::integer AS deleted FROM gone`;
// Oldest response first: collectFoundItems keeps the first hit of an id. Input items are cut out of
// input_items here, not by the server: `->` on json de-escapes the whole document and fails on the
// \u0000 and lone-surrogate escapes it may hold. Each response's input_items come once, on its first row.
const SELECT_ITEMS = `SELECT i.item_id, i.response_id, i.item_index, i.output_item::text AS output_item,
    CASE WHEN i.output_item IS NULL AND row_number() OVER (
           PARTITION BY i.response_id, i.output_item IS NULL ORDER BY i.item_index) = 1
         THEN r.input_items::text END AS input_items
  FROM toolbridge_response_items i JOIN toolbridge_responses r ON r.id = i.response_id
  WHERE i.item_id = ANY ($1::text[]) AND r.project_id = $2
  ORDER BY r.created_at, r.id, i.item_index`;
// Walk ids only, then join for the JSON; recursion stops after maxDepth + 1 rows so assembleChain
// can tell "too long" (or a loop) from "reached the root".
const CHAIN = `WITH RECURSIVE chain (id, previous_response_id, depth) AS (
    SELECT id, previous_response_id, 0 FROM toolbridge_responses WHERE id = $1 AND project_id = $3
    UNION ALL
    SELECT p.id, p.previous_response_id, c.depth + 1
      FROM toolbridge_responses p JOIN chain c ON p.id = c.previous_response_id
     WHERE c.depth < $2 AND p.project_id = $3
  )`;
const SELECT_CHAIN = `${CHAIN}
  SELECT ${ROW_COLUMNS} FROM chain c JOIN toolbridge_responses r ON r.id = c.id ORDER BY c.depth DESC`;
// Rows stored before the output column existed have it NULL: the server cuts the output out of the
// Response instead, so the gateway never receives the Response.
const SELECT_CHAIN_ITEMS = `${CHAIN}
  SELECT r.id, r.previous_response_id, r.input_items::text AS input_items,
         COALESCE(r.output, CASE json_typeof(r.response -> 'output') WHEN 'array' THEN r.response -> 'output' END)::text
           AS output
    FROM chain c JOIN toolbridge_responses r ON r.id = c.id ORDER BY c.depth DESC`;
const DELETE_OLDER_BATCH = `WITH gone AS (DELETE FROM toolbridge_responses WHERE id IN
    (SELECT id FROM toolbridge_responses WHERE created_at < $1 LIMIT $2) RETURNING id),
  unindexed AS (DELETE FROM toolbridge_response_items WHERE response_id IN (SELECT id FROM gone))
  SELECT count(*)::integer AS deleted FROM gone`;

/**
 * The shared store for several gateway instances behind a load balancer: one PostgreSQL
 * database, a `pg` pool per instance, schema migrated on open.
 */
export class PostgresResponseStore implements ResponseStore {
  readonly #pool: Pool;
  #closed = false;
  readonly chatCompletions: ChatCompletionStore;
  readonly traffic: TrafficStore;

  private constructor(pool: Pool) {
    this.#pool = pool;
    const query: PgQuery = (action, text, values) => this.#query(action, text, values);
    this.chatCompletions = new PostgresChatCompletionStore(query);
    this.traffic = new PostgresTrafficStore(query);
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

  async save(projectId: string, record: StoredResponse): Promise<void> {
    const row = encodeStoredResponse(projectId, record);
    const items = row.indexedItems;
    const { rows } = await this.#query<{ saved: number }>('save', INSERT, [
      row.id,
      row.createdAt,
      row.previousResponseId,
      row.inputItemsJson,
      row.responseJson,
      items.map((item) => item.itemIndex),
      items.map((item) => item.itemId),
      items.map((item) => item.outputItemJson),
      row.projectId,
      row.columns.model,
      row.columns.status,
      row.columns.provider,
      row.columns.inputTokens,
      row.columns.outputTokens,
      row.columns.cachedTokens,
      row.columns.costUsd,
      row.columns.latencyMs,
      row.columns.traceJson,
      row.outputJson,
    ]);
    if (rows[0]?.saved !== 1) {
      throw new StoreError({
        code: 'conflict',
        message: `A response with id ${row.id} is already stored. Response ids must be unique; generate a new one.`,
        responseId: row.id,
      });
    }
  }

  async get(projectId: string, id: string): Promise<StoredResponse | null> {
    const { rows } = await this.#query<ResponseRow>('get', SELECT, [id, projectId]);
    const row = rows[0];
    return row === undefined ? null : decodeStoredResponse(toEncoded(row));
  }

  async findItems(projectId: string, ids: readonly string[]): Promise<Map<string, ResponsesInputItem>> {
    const wanted = lookupIds(ids);
    if (wanted.length === 0) {
      this.#assertOpen('findItems');
      return new Map();
    }
    const { rows } = await this.#query<ItemRow>('findItems', SELECT_ITEMS, [wanted, projectId]);
    return collectFoundItems(toFoundItemRows(rows));
  }

  async delete(projectId: string, id: string): Promise<boolean> {
    const { rows } = await this.#query<{ deleted: number }>('delete', DELETE, [id, projectId]);
    return (rows[0]?.deleted ?? 0) > 0;
  }

  async loadChain(
    projectId: string,
    id: string,
    options?: LoadChainOptions,
  ): Promise<StoredResponse[] | null> {
    const maxDepth = resolveMaxDepth(options);
    const { rows } = await this.#query<ResponseRow>('loadChain', SELECT_CHAIN, [id, maxDepth, projectId]);
    return assembleChain(id, rows.map(toEncoded), maxDepth);
  }

  async loadChainItems(
    projectId: string,
    id: string,
    options?: LoadChainOptions,
  ): Promise<ResponsesInputItem[] | null> {
    const maxDepth = resolveMaxDepth(options);
    const { rows } = await this.#query<ChainItemsRow>('loadChainItems', SELECT_CHAIN_ITEMS, [
      id,
      maxDepth,
      projectId,
    ]);
    const links = rows.map((row) => ({
      id: row.id,
      previousResponseId: row.previous_response_id,
      inputItemsJson: row.input_items,
      outputJson: row.output,
    }));
    return assembleChainItems(id, links, maxDepth);
  }

  async listInputItems(
    projectId: string,
    id: string,
    options?: ListInputItemsOptions,
  ): Promise<InputItemsPage | null> {
    const { rows } = await this.#query<{ input_items: string }>('listInputItems', SELECT_INPUT_ITEMS, [
      id,
      projectId,
    ]);
    const row = rows[0];
    return row === undefined ? null : paginateInputItems(decodeInputItems(id, row.input_items), options);
  }

  async deleteOlderThan(createdBefore: number, options?: DeleteOlderThanOptions): Promise<number> {
    const bound = createdBeforeBound(createdBefore);
    const budget = deleteRowBudget(options);
    let deleted = 0;
    for (;;) {
      const batchSize = Math.min(storageDefaults.retentionBatchSize, budget - deleted);
      const { rows } = await this.#query<{ deleted: number }>('deleteOlderThan', DELETE_OLDER_BATCH, [
        bound,
        batchSize,
      ]);
      const changes = rows[0]?.deleted ?? 0;
      deleted += changes;
      if (changes < batchSize || deleted >= budget) {
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

  #assertOpen(action: string): void {
    if (this.#closed) {
      throw new StoreError({ code: 'closed', message: `Cannot ${action}: the response store is closed.` });
    }
  }

  async #query<Row extends QueryResultRow = QueryResultRow>(action: string, text: string, values: unknown[]) {
    this.#assertOpen(action);
    try {
      return await this.#pool.query<Row>(text, values);
    } catch (error) {
      throw toPostgresStoreError(error, action);
    }
  }
}

/** Row shape of SELECT_ITEMS: an output item's JSON, or input_items on a response's first input hit. */
interface ItemRow extends QueryResultRow {
  item_id: string;
  response_id: string;
  item_index: number;
  output_item: string | null;
  input_items: string | null;
}

function toFoundItemRows(rows: readonly ItemRow[]): FoundItemRow[] {
  const inputItems = new Map<string, readonly unknown[]>();
  return rows.map((row) => {
    const found = { itemId: row.item_id, responseId: row.response_id };
    if (row.output_item !== null) return { ...found, item: parseItemJson(row.output_item) };
    if (row.input_items !== null) {
      inputItems.set(row.response_id, decodeInputItems(row.response_id, row.input_items));
    }
    return { ...found, item: inputItems.get(row.response_id)?.[row.item_index] };
  });
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
