import type Database from 'better-sqlite3';
import { ACCESS_KEY_COLUMNS, type AccessKeyRow, decodeAccessKey, encodeAccessKey } from './access-key-row.js';
import type {
  AccessStore,
  KeyBudgetCheck,
  RateWindow,
  TakeRequestOptions,
  UsageBooking,
  VirtualKeyRecord,
} from './access-store.js';
import { commitOrRetryEach } from './commit-or-retry-each.js';
import { storageDefaults } from './defaults.js';
import { GroupCommitQueue } from './group-commit-queue.js';
import { migrateSqliteSchema } from './migrate-sqlite-schema.js';
import { openSqliteDatabase } from './open-sqlite-database.js';
import { StoreError } from './store-error.js';
import { toSqliteStoreError } from './to-sqlite-store-error.js';

// "No limit" as a bound SQLite compares against: larger than any count a window can reach.
const UNLIMITED = Number.MAX_SAFE_INTEGER;
const KEY_COLUMNS = ACCESS_KEY_COLUMNS.join(', ');

/** A counter write of one request: taking it from its minute, or booking its answer. */
type CounterWrite =
  | {
      kind: 'take';
      keyId: string;
      windowStart: number;
      rpm: number;
      tpm: number;
      budget: KeyBudgetCheck | null;
    }
  | ({ kind: 'usage' } & UsageBooking);

/** Options of `SqliteAccessStore.open`. */
export interface SqliteAccessStoreOptions {
  /** How long a write waits for another process's lock before failing `unavailable`. */
  busyTimeoutMs?: number;
  /**
   * Commit the counter writes of one event-loop turn (takes and bookings of every request) in one
   * transaction (default `storageDefaults.sqliteGroupCommit`); `false` gives each its own.
   */
  groupCommit?: boolean;
}

/**
 * Access state in the gateway's SQLite file (its own connection beside the Responses store's).
 * better-sqlite3 is synchronous and every counter change is one statement under SQLite's write
 * lock, so limits are exact across every process that opens the file (`serve --workers N`), and a
 * revocation is seen by the next request. The counter writes of one event-loop turn share one
 * transaction (group commit, as the Responses store's saves do: ADR 0005): each is still its own
 * statement in order, so a take sees every take before it, and a commit costs ~20 µs, several
 * times what the statements themselves do.
 */
export class SqliteAccessStore implements AccessStore {
  readonly #database: Database.Database;
  #closed = false;
  readonly #insertKey: Database.Statement<unknown[]>;
  readonly #byHash: Database.Statement<[string], AccessKeyRow>;
  readonly #liveness: Database.Statement<[string], [string, number | null]>;
  /** Decoded keys by hash; see `findKeyByHash`. */
  readonly #keys = new Map<string, VirtualKeyRecord>();
  readonly #byId: Database.Statement<[string], AccessKeyRow>;
  readonly #all: Database.Statement<[], AccessKeyRow>;
  readonly #ofProject: Database.Statement<[string], AccessKeyRow>;
  readonly #revoke: Database.Statement<[number, string]>;
  readonly #take: Database.Statement<
    { keyId: string; windowStart: number; rpm: number; tpm: number },
    { requests: number; tokens: number }
  >;
  readonly #window: Database.Statement<[string, number], { requests: number; tokens: number }>;
  readonly #addTokens: Database.Statement<[string, number, number]>;
  readonly #spend: Database.Statement<[string, number], number>;
  readonly #addSpend: Database.Statement<[string, number, number]>;
  readonly #sweep: Database.Statement<[number]>;
  readonly #writeBatch: Database.Transaction<
    (writes: readonly CounterWrite[]) => Array<RateWindow | undefined>
  >;
  readonly #queue: GroupCommitQueue<CounterWrite, RateWindow | undefined> | null;

  private constructor(database: Database.Database, groupCommit: boolean) {
    this.#database = database;
    this.#insertKey = database.prepare(
      `INSERT INTO access_keys (${KEY_COLUMNS}) VALUES (${ACCESS_KEY_COLUMNS.map(() => '?').join(', ')})`,
    );
    this.#byHash = database.prepare(`SELECT ${KEY_COLUMNS} FROM access_keys WHERE key_hash = ?`);
    this.#liveness = database
      .prepare<[string], [string, number | null]>('SELECT id, revoked_at FROM access_keys WHERE key_hash = ?')
      .raw();
    this.#byId = database.prepare(`SELECT ${KEY_COLUMNS} FROM access_keys WHERE id = ?`);
    this.#all = database.prepare(`SELECT ${KEY_COLUMNS} FROM access_keys ORDER BY created_at, id`);
    this.#ofProject = database.prepare(
      `SELECT ${KEY_COLUMNS} FROM access_keys WHERE project_id = ? ORDER BY created_at, id`,
    );
    this.#revoke = database.prepare(
      'UPDATE access_keys SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL',
    );
    // The conditional upsert is the whole limiter: a window with room gains one request, a full
    // window is left alone and returns no row.
    this.#take = database.prepare(
      `INSERT INTO access_rate_windows (key_id, window_start, requests, tokens)
       VALUES (@keyId, @windowStart, 1, 0)
       ON CONFLICT (key_id, window_start) DO UPDATE SET requests = requests + 1
       WHERE requests < @rpm AND tokens < @tpm
       RETURNING requests, tokens`,
    );
    this.#window = database.prepare(
      'SELECT requests, tokens FROM access_rate_windows WHERE key_id = ? AND window_start = ?',
    );
    this.#addTokens = database.prepare(
      `INSERT INTO access_rate_windows (key_id, window_start, requests, tokens) VALUES (?, ?, 0, ?)
       ON CONFLICT (key_id, window_start) DO UPDATE SET tokens = tokens + excluded.tokens`,
    );
    this.#spend = database.prepare<[string, number], number>(
      'SELECT nano_usd FROM access_spend WHERE key_id = ? AND period_start = ?',
    );
    this.#spend.pluck();
    this.#addSpend = database.prepare(
      `INSERT INTO access_spend (key_id, period_start, nano_usd) VALUES (?, ?, ?)
       ON CONFLICT (key_id, period_start) DO UPDATE SET nano_usd = nano_usd + excluded.nano_usd`,
    );
    this.#sweep = database.prepare('DELETE FROM access_rate_windows WHERE window_start < ?');
    this.#writeBatch = database.transaction((writes: readonly CounterWrite[]) =>
      writes.map((write) => this.#apply(write)),
    );
    this.#queue = groupCommit
      ? new GroupCommitQueue<CounterWrite, RateWindow | undefined>((writes) => this.#commit(writes))
      : null;
  }

  /** Opens (creating the schema) the SQLite file or `:memory:` that the Responses store uses. */
  static open(location: string, options: SqliteAccessStoreOptions = {}): SqliteAccessStore {
    const {
      busyTimeoutMs = storageDefaults.sqliteBusyTimeoutMs,
      groupCommit = storageDefaults.sqliteGroupCommit,
    } = options;
    const database = openSqliteDatabase(location);
    try {
      database.pragma(`busy_timeout = ${Math.max(0, Math.trunc(busyTimeoutMs))}`);
      database.pragma('journal_mode = WAL');
      database.pragma('synchronous = NORMAL');
      migrateSqliteSchema(database);
      return new SqliteAccessStore(database, groupCommit);
    } catch (error) {
      database.close();
      throw toSqliteStoreError(error, `open ${location}`);
    }
  }

  async createKey(record: VirtualKeyRecord): Promise<void> {
    const values = encodeAccessKey(record);
    try {
      this.#run('createKey', () => this.#insertKey.run(...values));
    } catch (error) {
      const cause = (error as StoreError).cause as { code?: string } | undefined;
      if (cause?.code?.startsWith('SQLITE_CONSTRAINT') === true) throw conflict(record.id, error);
      throw error;
    }
  }

  /**
   * Every lookup reads the key's row, so a revocation (or a deleted row) counts at once, in every
   * process. A key's other columns never change once written (the store only inserts keys and sets
   * `revoked_at`), so the decoded record is kept and only `id` and `revoked_at` are read again: a
   * two-column read instead of thirteen columns and a decode (`bench --access`: 5.6 against 10 µs).
   */
  async findKeyByHash(keyHash: string): Promise<VirtualKeyRecord | null> {
    const live = this.#run('findKeyByHash', () => this.#liveness.get(keyHash));
    if (live === undefined) {
      this.#keys.delete(keyHash);
      return null;
    }
    const [id, revokedAt] = live;
    const kept = this.#keys.get(keyHash);
    if (kept !== undefined && kept.id === id && kept.revokedAt === revokedAt) return kept;
    const row = this.#run('findKeyByHash', () => this.#byHash.get(keyHash));
    if (row === undefined) return null;
    const record = decodeAccessKey(row);
    // Only stored keys are kept, at most keyCacheEntries: unknown keys never reach this line.
    if (this.#keys.size >= storageDefaults.keyCacheEntries) this.#keys.clear();
    this.#keys.set(keyHash, record);
    return record;
  }

  async getKey(id: string): Promise<VirtualKeyRecord | null> {
    const row = this.#run('getKey', () => this.#byId.get(id));
    return row === undefined ? null : decodeAccessKey(row);
  }

  async listKeys(options: { projectId?: string } = {}): Promise<VirtualKeyRecord[]> {
    const { projectId } = options;
    const rows = this.#run('listKeys', () =>
      projectId === undefined ? this.#all.all() : this.#ofProject.all(projectId),
    );
    return rows.map(decodeAccessKey);
  }

  async revokeKey(id: string, revokedAt: number): Promise<boolean> {
    return this.#run('revokeKey', () => this.#revoke.run(revokedAt, id)).changes > 0;
  }

  async takeRequest({ keyId, windowStart, rpm, tpm, budget }: TakeRequestOptions): Promise<RateWindow> {
    const write: CounterWrite = {
      kind: 'take',
      keyId,
      windowStart,
      rpm: rpm ?? UNLIMITED,
      tpm: tpm ?? UNLIMITED,
      budget: budget ?? null,
    };
    return (await this.#write('takeRequest', write)) as RateWindow;
  }

  async addTokens({ keyId, windowStart, tokens }: { keyId: string; windowStart: number; tokens: number }) {
    this.#run('addTokens', () => this.#addTokens.run(keyId, windowStart, tokens));
  }

  async getSpend({ keyId, periodStart }: { keyId: string; periodStart: number }): Promise<number> {
    return this.#run('getSpend', () => this.#spend.get(keyId, periodStart)) ?? 0;
  }

  async addSpend({ keyId, periodStart, nanoUsd }: { keyId: string; periodStart: number; nanoUsd: number }) {
    this.#run('addSpend', () => this.#addSpend.run(keyId, periodStart, nanoUsd));
  }

  async addUsage({ keyId, tokens, spend }: UsageBooking): Promise<void> {
    if (tokens === null && spend === null) return;
    await this.#write('addUsage', { kind: 'usage', keyId, tokens, spend });
  }

  async deleteRateWindowsBefore(windowStart: number): Promise<number> {
    return this.#run('deleteRateWindowsBefore', () => this.#sweep.run(windowStart)).changes;
  }

  async close(): Promise<void> {
    if (!this.#closed) {
      // Writes already accepted are committed, not dropped: their requests are waiting for them.
      this.#queue?.flush();
      this.#closed = true;
      this.#database.close();
    }
  }

  /** Queues `write` for this turn's transaction, or (without group commit) commits it alone. */
  #write(action: string, write: CounterWrite): Promise<RateWindow | undefined> {
    if (this.#closed) {
      throw new StoreError({ code: 'closed', message: `Cannot ${action}: the access store is closed.` });
    }
    if (this.#queue !== null) return this.#queue.enqueue(write);
    const [outcome] = this.#commit([write]);
    return outcome instanceof Error ? Promise.reject(outcome) : Promise.resolve(outcome);
  }

  /** One counter write, inside the batch's transaction. */
  #apply(write: CounterWrite): RateWindow | undefined {
    if (write.kind === 'take') {
      const { budget } = write;
      let spent: number | undefined;
      if (budget !== null) {
        // Read in the take's transaction: no write of another process can land between the two.
        spent = this.#spend.get(write.keyId, budget.periodStart) ?? 0;
        if (spent >= budget.nanoUsd)
          return { admitted: false, requests: 0, tokens: 0, spent, overBudget: true };
      }
      // The conditional upsert returns no row for a full window; then read what filled it.
      const taken = this.#take.get(write);
      const window: RateWindow =
        taken !== undefined
          ? { admitted: true, requests: taken.requests, tokens: taken.tokens }
          : this.#fullWindow(write.keyId, write.windowStart);
      if (spent !== undefined) window.spent = spent;
      return window;
    }
    const { keyId, tokens, spend } = write;
    if (tokens !== null) this.#addTokens.run(keyId, tokens.windowStart, tokens.tokens);
    if (spend !== null) this.#addSpend.run(keyId, spend.periodStart, spend.nanoUsd);
    return undefined;
  }

  #fullWindow(keyId: string, windowStart: number): RateWindow {
    const full = this.#window.get(keyId, windowStart);
    return { admitted: false, requests: full?.requests ?? 0, tokens: full?.tokens ?? 0 };
  }

  /** Commits `writes` in one transaction (BEGIN IMMEDIATE: it writes); each one's result, in order. */
  #commit(writes: readonly CounterWrite[]): ReadonlyArray<RateWindow | undefined | StoreError> {
    return commitOrRetryEach(writes, 'write counters', (batch) =>
      this.#run('write counters', () => this.#writeBatch.immediate(batch)),
    );
  }

  #run<T>(action: string, query: () => T): T {
    if (this.#closed) {
      throw new StoreError({ code: 'closed', message: `Cannot ${action}: the access store is closed.` });
    }
    try {
      return query();
    } catch (error) {
      throw toSqliteStoreError(error, action);
    }
  }
}

/** A key id or hash that is already stored. */
export function conflict(id: string, cause: unknown): StoreError {
  return new StoreError({
    code: 'conflict',
    message: `A key with id ${id} (or the same secret) is already stored. Generate a new key.`,
    cause,
  });
}
