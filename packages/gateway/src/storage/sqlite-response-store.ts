import { resolve } from 'node:path';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import type Database from 'better-sqlite3';
import {
  assembleChain,
  assembleChainItems,
  type EncodedChainLink,
  resolveMaxDepth,
} from './assemble-chain.js';
import type { ChatCompletionStore } from './chat-completion-store.js';
import { collectFoundItems, lookupIds, parseItemJson } from './collect-found-items.js';
import { commitOrRetryEach } from './commit-or-retry-each.js';
import { createdBeforeBound, deleteRowBudget } from './created-before-bound.js';
import { decodeInputItems, decodeStoredResponse } from './decode-stored-response.js';
import { storageDefaults } from './defaults.js';
import {
  type EncodedSave,
  type EncodedStoredResponse,
  encodeStoredResponse,
} from './encode-stored-response.js';
import { GroupCommitQueue } from './group-commit-queue.js';
import { migrateSqliteSchema } from './migrate-sqlite-schema.js';
import { openSqliteDatabase } from './open-sqlite-database.js';
import { paginateInputItems } from './paginate-input-items.js';
import type {
  DeleteOlderThanOptions,
  InputItemsPage,
  ListInputItemsOptions,
  LoadChainOptions,
  ResponseStore,
  ResponsesInputItem,
  StoredResponse,
} from './response-store.js';
import { SqliteChatCompletionStore } from './sqlite-chat-completion-store.js';
import { SqliteTrafficStore } from './sqlite-traffic-store.js';
import { StoreError } from './store-error.js';
import { toSqliteStoreError } from './to-sqlite-store-error.js';
import type { TrafficStore } from './traffic-store.js';
import { WalCheckpointer } from './wal-checkpointer.js';

/** Options of `SqliteResponseStore.open`. */
export interface SqliteResponseStoreOptions {
  /** How long a write waits for another connection's lock before failing with `unavailable`. */
  busyTimeoutMs?: number;
  /**
   * `normal` (default) survives a killed process; `full` also survives power loss and OS crashes
   * at the cost of an fsync per save.
   */
  synchronous?: 'normal' | 'full';
  /**
   * Commit the saves of one event-loop turn in one transaction (default
   * `storageDefaults.sqliteGroupCommit`); `false` gives each save its own transaction.
   */
  groupCommit?: boolean;
}

const ROW_COLUMNS = `id, created_at AS createdAt, previous_response_id AS previousResponseId,
  input_items AS inputItemsJson, response AS responseJson`;

/**
 * The embedded default store: one SQLite file (WAL) or `:memory:`, via better-sqlite3. Saves of one
 * event-loop turn share a transaction (group commit, ADR 0005).
 */
export class SqliteResponseStore implements ResponseStore {
  readonly #database: Database.Database;
  #closed = false;
  readonly #queue: GroupCommitQueue<EncodedSave> | null;
  readonly #checkpointer: WalCheckpointer | null;
  // Prepared once: the gateway saves one response per request, so per-call preparation would show.
  readonly #insert: Database.Statement<Record<string, string | number | null>>;
  readonly #insertItem: Database.Statement<[string, number, string, string | null]>;
  readonly #saveBatch: Database.Transaction<(rows: readonly EncodedSave[]) => Array<StoreError | undefined>>;
  readonly #selectItems: Database.Statement<
    [string, string],
    { itemId: string; responseId: string; itemJson: string | null }
  >;
  readonly #select: Database.Statement<[string, string], EncodedStoredResponse>;
  readonly #selectInputItems: Database.Statement<[string, string], string>;
  readonly #delete: Database.Statement<[string, string]>;
  readonly #selectChain: Database.Statement<
    { id: string; projectId: string; maxDepth: number },
    EncodedStoredResponse
  >;
  readonly #selectChainItems: Database.Statement<
    { id: string; projectId: string; maxDepth: number },
    EncodedChainLink
  >;
  readonly #selectChainHead: Database.Statement<[string, string], EncodedChainLink>;
  readonly #deleteOlderBatch: Database.Statement<{ createdBefore: number; batchSize: number }>;
  readonly chatCompletions: ChatCompletionStore;
  readonly traffic: TrafficStore;

  private constructor(
    database: Database.Database,
    groupCommit: boolean,
    checkpointer: WalCheckpointer | null,
  ) {
    this.#database = database;
    this.#checkpointer = checkpointer;
    const run = <T>(action: string, query: () => T): T => this.#run(action, query);
    this.chatCompletions = new SqliteChatCompletionStore(database, run);
    this.traffic = new SqliteTrafficStore(database, run);
    this.#insert = database.prepare(
      `INSERT INTO responses (id, project_id, created_at, previous_response_id, input_items, response, output,
         model, status, provider, input_tokens, output_tokens, cached_tokens, cost_usd, latency_ms, trace)
       VALUES (@id, @projectId, @createdAt, @previousResponseId, @inputItemsJson, @responseJson, @outputJson,
         @model, @status, @provider, @inputTokens, @outputTokens, @cachedTokens, @costUsd, @latencyMs, @traceJson)
       ON CONFLICT (id) DO NOTHING`,
    );
    this.#insertItem = database.prepare(
      'INSERT INTO response_items (response_id, item_index, item_id, output_item) VALUES (?, ?, ?, ?)',
    );
    // A conflict skips only its own record (and its index rows); the batch commits the rest.
    this.#saveBatch = database.transaction((rows: readonly EncodedSave[]) =>
      rows.map((row) => {
        const { changes } = this.#insert.run({
          id: row.id,
          projectId: row.projectId,
          createdAt: row.createdAt,
          previousResponseId: row.previousResponseId,
          inputItemsJson: row.inputItemsJson,
          responseJson: row.responseJson,
          outputJson: row.outputJson,
          ...row.columns,
        });
        if (changes === 0) return conflict(row.id);
        for (const item of row.indexedItems) {
          this.#insertItem.run(row.id, item.itemIndex, item.itemId, item.outputItemJson);
        }
        return undefined;
      }),
    );
    this.#queue = groupCommit ? new GroupCommitQueue<EncodedSave>((rows) => this.#commit(rows)) : null;
    // Oldest response first: collectFoundItems keeps the first hit of an id. Input items are cut out
    // of input_items by SQLite's JSON parser, so only the referenced items reach JavaScript.
    this.#selectItems = database.prepare(
      `SELECT i.item_id AS itemId, i.response_id AS responseId,
              CASE WHEN i.output_item IS NULL THEN r.input_items -> i.item_index ELSE i.output_item END
                AS itemJson
         FROM response_items i JOIN responses r ON r.id = i.response_id
        WHERE i.item_id IN (SELECT value FROM json_each(?)) AND r.project_id = ?
        ORDER BY r.created_at, r.id, i.item_index`,
    );
    this.#select = database.prepare(`SELECT ${ROW_COLUMNS} FROM responses WHERE id = ? AND project_id = ?`);
    this.#selectInputItems = database.prepare<[string, string], string>(
      'SELECT input_items FROM responses WHERE id = ? AND project_id = ?',
    );
    this.#selectInputItems.pluck();
    this.#delete = database.prepare('DELETE FROM responses WHERE id = ? AND project_id = ?');
    // Walk ids only, then join for the JSON: the recursion stops after maxDepth + 1 rows, which is
    // how assembleChain tells "too long" (or a loop) from "reached the root".
    const chain = `WITH RECURSIVE chain (id, previous_response_id, depth) AS (
         SELECT id, previous_response_id, 0 FROM responses WHERE id = @id AND project_id = @projectId
         UNION ALL
         SELECT r.id, r.previous_response_id, c.depth + 1
           FROM responses r JOIN chain c ON r.id = c.previous_response_id
          WHERE c.depth < @maxDepth AND r.project_id = @projectId
       )`;
    this.#selectChain = database.prepare(
      `${chain}
       SELECT r.id, r.created_at AS createdAt, r.previous_response_id AS previousResponseId,
              r.input_items AS inputItemsJson, r.response AS responseJson
         FROM chain c JOIN responses r ON r.id = c.id
        ORDER BY c.depth DESC`,
    );
    // Rows stored before the output column existed have it NULL: SQLite cuts the output out of the
    // Response instead (in C, without building the Response in JavaScript).
    const link = `r.id, r.previous_response_id AS previousResponseId, r.input_items AS inputItemsJson,
              COALESCE(r.output, CASE WHEN json_valid(r.response) THEN
                CASE json_type(r.response, '$.output') WHEN 'array' THEN r.response -> '$.output' END END)
                AS outputJson`;
    this.#selectChainItems = database.prepare(
      `${chain}
       SELECT ${link}
         FROM chain c JOIN responses r ON r.id = c.id
        ORDER BY c.depth DESC`,
    );
    this.#selectChainHead = database.prepare(
      `SELECT ${link} FROM responses r WHERE r.id = ? AND r.project_id = ?`,
    );
    this.#deleteOlderBatch = database.prepare(
      `DELETE FROM responses WHERE rowid IN
         (SELECT rowid FROM responses WHERE created_at < @createdBefore LIMIT @batchSize)`,
    );
  }

  /**
   * Opens (creating parent directories and the schema) a SQLite file, or `:memory:` for a private
   * in-process database. Fails with `invalid_location` when the path cannot hold a database.
   */
  static open(location: string, options: SqliteResponseStoreOptions = {}): SqliteResponseStore {
    const {
      busyTimeoutMs = storageDefaults.sqliteBusyTimeoutMs,
      synchronous = 'normal',
      groupCommit = storageDefaults.sqliteGroupCommit,
    } = options;
    const database = openSqliteDatabase(location);
    const busyMs = Math.max(0, Math.trunc(busyTimeoutMs));
    let checkpointer: WalCheckpointer | null = null;
    try {
      database.pragma(`busy_timeout = ${busyMs}`);
      database.pragma('journal_mode = WAL');
      // In WAL mode a commit is appended to the -wal file with write(): once save() resolves the
      // bytes are in the OS page cache, so a killed or crashed process loses nothing (the next
      // open replays the WAL). NORMAL only skips the fsync per commit, which matters for power
      // loss or an OS crash — then the last commits may roll back, but the file stays consistent.
      database.pragma(`synchronous = ${synchronous === 'full' ? 'FULL' : 'NORMAL'}`);
      // Checkpoint less often: hot pages (the B-tree's upper levels) are copied once per checkpoint
      // instead of once per 1,000 pages, and fewer commits pay a checkpoint's latency.
      database.pragma(`wal_autocheckpoint = ${storageDefaults.sqliteWalAutocheckpointPages}`);
      migrateSqliteSchema(database);
      // The log of a file is copied into it from a worker thread, so the automatic checkpoint above
      // finds little left to copy on the event loop (WalCheckpointer); an in-memory database has no log.
      checkpointer =
        location === ':memory:'
          ? null
          : WalCheckpointer.start(resolve(location), {
              intervalMs: storageDefaults.sqliteWalCheckpointIntervalMs,
              busyTimeoutMs: busyMs,
            });
      return new SqliteResponseStore(database, groupCommit, checkpointer);
    } catch (error) {
      void checkpointer?.stop();
      database.close();
      throw toSqliteStoreError(error, `open ${location}`);
    }
  }

  /** Resolves once the record is committed, together with the other saves of this event-loop turn. */
  async save(projectId: string, record: StoredResponse): Promise<void> {
    this.#assertOpen('save');
    const row = encodeStoredResponse(projectId, record);
    if (this.#queue !== null) return this.#queue.enqueue(row);
    const [outcome] = this.#commit([row]);
    if (outcome !== undefined) throw outcome;
  }

  async get(projectId: string, id: string): Promise<StoredResponse | null> {
    const row = this.#run('get', () => this.#select.get(id, projectId));
    return row === undefined ? null : decodeStoredResponse(row);
  }

  async findItems(projectId: string, ids: readonly string[]): Promise<Map<string, ResponsesInputItem>> {
    const wanted = lookupIds(ids);
    this.#assertOpen('findItems');
    if (wanted.length === 0) return new Map();
    const rows = this.#run('findItems', () => this.#selectItems.all(JSON.stringify(wanted), projectId));
    return collectFoundItems(
      rows.map(({ itemId, responseId, itemJson }) => ({ itemId, responseId, item: parseItemJson(itemJson) })),
    );
  }

  async delete(projectId: string, id: string): Promise<boolean> {
    return this.#run('delete', () => this.#delete.run(id, projectId)).changes > 0;
  }

  async loadChain(
    projectId: string,
    id: string,
    options?: LoadChainOptions,
  ): Promise<StoredResponse[] | null> {
    const maxDepth = resolveMaxDepth(options);
    const rows = this.#run('loadChain', () => this.#selectChain.all({ id, projectId, maxDepth }));
    return assembleChain(id, rows, maxDepth);
  }

  async loadChainItems(
    projectId: string,
    id: string,
    options?: LoadChainOptions,
  ): Promise<ResponsesInputItem[] | null> {
    const maxDepth = resolveMaxDepth(options);
    const rows = this.#run('loadChainItems', () => {
      // The named response first, by its key. A first follow-up names the response that starts the
      // conversation, and is done; a longer chain walks on from the parent with one link less, so
      // the recursive query still reads at most maxDepth + 1 links.
      const head = this.#selectChainHead.get(id, projectId);
      if (head === undefined) return [];
      if (head.previousResponseId === null) return [head];
      const older = this.#selectChainItems.all({
        id: head.previousResponseId,
        projectId,
        maxDepth: maxDepth - 1,
      });
      older.push(head);
      return older;
    });
    return assembleChainItems(id, rows, maxDepth);
  }

  async listInputItems(
    projectId: string,
    id: string,
    options?: ListInputItemsOptions,
  ): Promise<InputItemsPage | null> {
    const json = this.#run('listInputItems', () => this.#selectInputItems.get(id, projectId));
    if (json === undefined) {
      return null;
    }
    return paginateInputItems(decodeInputItems(id, json), options);
  }

  async deleteOlderThan(createdBefore: number, options?: DeleteOlderThanOptions): Promise<number> {
    const bound = createdBeforeBound(createdBefore);
    const budget = deleteRowBudget(options);
    let deleted = 0;
    for (;;) {
      const batchSize = Math.min(storageDefaults.retentionBatchSize, budget - deleted);
      const { changes } = this.#run('deleteOlderThan', () =>
        this.#deleteOlderBatch.run({ createdBefore: bound, batchSize }),
      );
      deleted += changes;
      if (changes < batchSize || deleted >= budget) {
        return deleted;
      }
      // better-sqlite3 is synchronous: let requests (and other writers) in between batches.
      await yieldToEventLoop();
    }
  }

  async close(): Promise<void> {
    if (!this.#closed) {
      // Saves already accepted are committed, not dropped: their callers are waiting for them.
      this.#queue?.flush();
      this.#closed = true;
      await this.#checkpointer?.stop();
      this.#database.close();
    }
  }

  /** Commits `rows` in one transaction; each row's outcome, in order. */
  #commit(rows: readonly EncodedSave[]): ReadonlyArray<StoreError | undefined> {
    return commitOrRetryEach(rows, 'save', (batch) =>
      this.#run('save', () => this.#saveBatch.immediate(batch)),
    );
  }

  #assertOpen(action: string): void {
    if (this.#closed) {
      throw new StoreError({
        code: 'closed',
        message: `Cannot ${action}: the response store is closed.`,
      });
    }
  }

  #run<T>(action: string, query: () => T): T {
    this.#assertOpen(action);
    try {
      return query();
    } catch (error) {
      throw toSqliteStoreError(error, action);
    }
  }
}

function conflict(id: string): StoreError {
  return new StoreError({
    code: 'conflict',
    message: `A response with id ${id} is already stored. Response ids must be unique; generate a new one.`,
    responseId: id,
  });
}
