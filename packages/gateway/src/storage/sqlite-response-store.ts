import { mkdirSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import Database from 'better-sqlite3';
import { assembleChain, resolveMaxDepth } from './assemble-chain.js';
import { createdBeforeBound } from './created-before-bound.js';
import { decodeInputItems, decodeStoredResponse } from './decode-stored-response.js';
import { storageDefaults } from './defaults.js';
import { type EncodedStoredResponse, encodeStoredResponse } from './encode-stored-response.js';
import { migrateSqliteSchema } from './migrate-sqlite-schema.js';
import { paginateInputItems } from './paginate-input-items.js';
import type {
  InputItemsPage,
  ListInputItemsOptions,
  LoadChainOptions,
  ResponseStore,
  StoredResponse,
} from './response-store.js';
import { StoreError } from './store-error.js';
import { toSqliteStoreError } from './to-sqlite-store-error.js';

/** Options of `SqliteResponseStore.open`. */
export interface SqliteResponseStoreOptions {
  /** How long a write waits for another connection's lock before failing with `unavailable`. */
  busyTimeoutMs?: number;
  /**
   * `normal` (default) survives a killed process; `full` also survives power loss and OS crashes
   * at the cost of an fsync per save.
   */
  synchronous?: 'normal' | 'full';
}

const ROW_COLUMNS = `id, created_at AS createdAt, previous_response_id AS previousResponseId,
  input_items AS inputItemsJson, response AS responseJson`;

/** The embedded default store: one SQLite file (WAL) or `:memory:`, via better-sqlite3. */
export class SqliteResponseStore implements ResponseStore {
  readonly #database: Database.Database;
  #closed = false;
  // Prepared once: the gateway saves one response per request, so per-call preparation would show.
  readonly #insert: Database.Statement<[string, number, string | null, string, string]>;
  readonly #select: Database.Statement<[string], EncodedStoredResponse>;
  readonly #selectInputItems: Database.Statement<[string], string>;
  readonly #delete: Database.Statement<[string]>;
  readonly #selectChain: Database.Statement<{ id: string; maxDepth: number }, EncodedStoredResponse>;
  readonly #deleteOlderBatch: Database.Statement<{ createdBefore: number; batchSize: number }>;

  private constructor(database: Database.Database) {
    this.#database = database;
    this.#insert = database.prepare(
      `INSERT INTO responses (id, created_at, previous_response_id, input_items, response)
       VALUES (?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING`,
    );
    this.#select = database.prepare(`SELECT ${ROW_COLUMNS} FROM responses WHERE id = ?`);
    this.#selectInputItems = database.prepare<[string], string>(
      'SELECT input_items FROM responses WHERE id = ?',
    );
    this.#selectInputItems.pluck();
    this.#delete = database.prepare('DELETE FROM responses WHERE id = ?');
    // Walk ids only, then join for the JSON: the recursion stops after maxDepth + 1 rows, which is
    // how assembleChain tells "too long" (or a loop) from "reached the root".
    this.#selectChain = database.prepare(
      `WITH RECURSIVE chain (id, previous_response_id, depth) AS (
         SELECT id, previous_response_id, 0 FROM responses WHERE id = @id
         UNION ALL
         SELECT r.id, r.previous_response_id, c.depth + 1
           FROM responses r JOIN chain c ON r.id = c.previous_response_id
          WHERE c.depth < @maxDepth
       )
       SELECT r.id, r.created_at AS createdAt, r.previous_response_id AS previousResponseId,
              r.input_items AS inputItemsJson, r.response AS responseJson
         FROM chain c JOIN responses r ON r.id = c.id
        ORDER BY c.depth DESC`,
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
    const { busyTimeoutMs = storageDefaults.sqliteBusyTimeoutMs, synchronous = 'normal' } = options;
    const database = openDatabase(location);
    try {
      database.pragma(`busy_timeout = ${Math.max(0, Math.trunc(busyTimeoutMs))}`);
      database.pragma('journal_mode = WAL');
      // In WAL mode a commit is appended to the -wal file with write(): once save() resolves the
      // bytes are in the OS page cache, so a killed or crashed process loses nothing (the next
      // open replays the WAL). NORMAL only skips the fsync per commit, which matters for power
      // loss or an OS crash — then the last commits may roll back, but the file stays consistent.
      database.pragma(`synchronous = ${synchronous === 'full' ? 'FULL' : 'NORMAL'}`);
      migrateSqliteSchema(database);
      return new SqliteResponseStore(database);
    } catch (error) {
      database.close();
      throw toSqliteStoreError(error, `open ${location}`);
    }
  }

  async save(record: StoredResponse): Promise<void> {
    const row = encodeStoredResponse(record);
    const result = this.#run('save', () =>
      this.#insert.run(row.id, row.createdAt, row.previousResponseId, row.inputItemsJson, row.responseJson),
    );
    if (result.changes === 0) {
      throw new StoreError({
        code: 'conflict',
        message: `A response with id ${row.id} is already stored. Response ids must be unique; generate a new one.`,
        responseId: row.id,
      });
    }
  }

  async get(id: string): Promise<StoredResponse | null> {
    const row = this.#run('get', () => this.#select.get(id));
    return row === undefined ? null : decodeStoredResponse(row);
  }

  async delete(id: string): Promise<boolean> {
    return this.#run('delete', () => this.#delete.run(id)).changes > 0;
  }

  async loadChain(id: string, options?: LoadChainOptions): Promise<StoredResponse[] | null> {
    const maxDepth = resolveMaxDepth(options);
    const rows = this.#run('loadChain', () => this.#selectChain.all({ id, maxDepth }));
    return assembleChain(id, rows, maxDepth);
  }

  async listInputItems(id: string, options?: ListInputItemsOptions): Promise<InputItemsPage | null> {
    const json = this.#run('listInputItems', () => this.#selectInputItems.get(id));
    if (json === undefined) {
      return null;
    }
    return paginateInputItems(decodeInputItems(id, json), options);
  }

  async deleteOlderThan(createdBefore: number): Promise<number> {
    const bound = createdBeforeBound(createdBefore);
    const batchSize = storageDefaults.retentionBatchSize;
    let deleted = 0;
    for (;;) {
      const { changes } = this.#run('deleteOlderThan', () =>
        this.#deleteOlderBatch.run({ createdBefore: bound, batchSize }),
      );
      deleted += changes;
      if (changes < batchSize) {
        return deleted;
      }
      // better-sqlite3 is synchronous: let requests (and other writers) in between batches.
      await yieldToEventLoop();
    }
  }

  async close(): Promise<void> {
    if (!this.#closed) {
      this.#closed = true;
      this.#database.close();
    }
  }

  #run<T>(action: string, query: () => T): T {
    if (this.#closed) {
      throw new StoreError({
        code: 'closed',
        message: `Cannot ${action}: the response store is closed.`,
      });
    }
    try {
      return query();
    } catch (error) {
      throw toSqliteStoreError(error, action);
    }
  }
}

function openDatabase(location: string): Database.Database {
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
