import { Pool, type QueryResultRow } from 'pg';
import { ACCESS_KEY_COLUMNS, type AccessKeyRow, decodeAccessKey, encodeAccessKey } from './access-key-row.js';
import type {
  AccessStore,
  RateWindow,
  TakeRequestOptions,
  UsageBooking,
  VirtualKeyRecord,
} from './access-store.js';
import { storageDefaults } from './defaults.js';
import { migratePostgresSchema } from './migrate-postgres-schema.js';
import { StoreError } from './store-error.js';
import { toPostgresStoreError } from './to-postgres-store-error.js';

const KEY_COLUMNS = ACCESS_KEY_COLUMNS.map((column) => (column === 'models' ? 'models::text' : column)).join(
  ', ',
);
const INSERT_KEY = `INSERT INTO toolbridge_access_keys (${ACCESS_KEY_COLUMNS.join(', ')})
  VALUES (${ACCESS_KEY_COLUMNS.map((column, index) => `$${index + 1}${column === 'models' ? '::json' : ''}`).join(', ')})
  ON CONFLICT DO NOTHING RETURNING id`;
// The conditional upsert is the whole limiter: ON CONFLICT locks the window's row, so concurrent
// requests from every instance see each other's counts; a full window returns no row.
const TAKE = `INSERT INTO toolbridge_access_rate_windows AS w (key_id, window_start, requests, tokens)
  VALUES ($1, $2, 1, 0)
  ON CONFLICT (key_id, window_start) DO UPDATE SET requests = w.requests + 1
  WHERE w.requests < $3::bigint AND w.tokens < $4::bigint
  RETURNING w.requests, w.tokens::text AS tokens`;
// TAKE behind a budget check, in one statement: the spend is read, and the take runs only below the
// budget (the insert selects its row from \`spent\`). One round trip instead of two per request.
const TAKE_WITHIN_BUDGET = `WITH spent AS (
    SELECT COALESCE((SELECT nano_usd FROM toolbridge_access_spend WHERE key_id = $1 AND period_start = $5), 0)
      AS nano_usd),
  taken AS (
    INSERT INTO toolbridge_access_rate_windows AS w (key_id, window_start, requests, tokens)
    SELECT $1::text, $2::bigint, 1, 0 FROM spent WHERE spent.nano_usd < $6::bigint
    ON CONFLICT (key_id, window_start) DO UPDATE SET requests = w.requests + 1
    WHERE w.requests < $3::bigint AND w.tokens < $4::bigint
    RETURNING w.requests, w.tokens::text AS tokens)
  SELECT spent.nano_usd::text AS spent, taken.requests, taken.tokens FROM spent LEFT JOIN taken ON true`;
const WINDOW = `SELECT requests, tokens::text AS tokens FROM toolbridge_access_rate_windows
  WHERE key_id = $1 AND window_start = $2`;
const ADD_TOKENS = `INSERT INTO toolbridge_access_rate_windows AS w (key_id, window_start, requests, tokens)
  VALUES ($1, $2, 0, $3) ON CONFLICT (key_id, window_start) DO UPDATE SET tokens = w.tokens + EXCLUDED.tokens`;
const ADD_SPEND = `INSERT INTO toolbridge_access_spend AS s (key_id, period_start, nano_usd) VALUES ($1, $2, $3)
  ON CONFLICT (key_id, period_start) DO UPDATE SET nano_usd = s.nano_usd + EXCLUDED.nano_usd`;
// Both bookings of a finished request in one statement (one round trip, one commit): a data-modifying
// CTE always runs.
const ADD_USAGE = `WITH tokens AS (
    INSERT INTO toolbridge_access_rate_windows AS w (key_id, window_start, requests, tokens)
    VALUES ($1, $2, 0, $3) ON CONFLICT (key_id, window_start) DO UPDATE SET tokens = w.tokens + EXCLUDED.tokens)
  INSERT INTO toolbridge_access_spend AS s (key_id, period_start, nano_usd) VALUES ($1, $4, $5)
  ON CONFLICT (key_id, period_start) DO UPDATE SET nano_usd = s.nano_usd + EXCLUDED.nano_usd`;
// "No limit" as a bound the server compares against (bigint parameters).
const UNLIMITED = String(Number.MAX_SAFE_INTEGER);

/** Options of `PostgresAccessStore.open`. */
export interface PostgresAccessStoreOptions {
  maxConnections?: number;
  /** How long a key found by hash is served from memory (0 = always ask the database). */
  keyCacheMs?: number;
  onBackgroundError?: (error: StoreError) => void;
}

/**
 * Access state in the gateway's PostgreSQL database, shared by every instance. Counters change
 * with single-statement atomic upserts, so limits are exact across instances. Keys found by hash
 * are cached for `keyCacheMs` (default `storageDefaults.postgresKeyCacheMs`): a revocation reaches
 * every instance within that time, without a database round trip on every request.
 */
export class PostgresAccessStore implements AccessStore {
  readonly #pool: Pool;
  readonly #keyCacheMs: number;
  readonly #cache = new Map<string, { record: VirtualKeyRecord | null; until: number }>();
  #closed = false;

  private constructor(pool: Pool, keyCacheMs: number) {
    this.#pool = pool;
    this.#keyCacheMs = keyCacheMs;
  }

  /** Connects and migrates (the same schema steps as the Responses store). */
  static async open(url: string, options: PostgresAccessStoreOptions = {}): Promise<PostgresAccessStore> {
    const {
      maxConnections = storageDefaults.postgresAccessPoolConnections,
      keyCacheMs = storageDefaults.postgresKeyCacheMs,
      onBackgroundError = () => undefined,
    } = options;
    const pool = new Pool({
      connectionString: url,
      max: maxConnections,
      connectionTimeoutMillis: storageDefaults.postgresPool.connectionTimeoutMs,
      idleTimeoutMillis: storageDefaults.postgresPool.idleTimeoutMs,
    });
    pool.on('error', (error) => onBackgroundError(toPostgresStoreError(error, 'keep an idle connection')));
    try {
      await migratePostgresSchema(pool);
    } catch (error) {
      await pool.end().catch(() => undefined);
      throw toPostgresStoreError(error, 'open the access store');
    }
    return new PostgresAccessStore(pool, keyCacheMs);
  }

  async createKey(record: VirtualKeyRecord): Promise<void> {
    const { rows } = await this.#query('createKey', INSERT_KEY, encodeAccessKey(record));
    if (rows.length === 0) {
      throw new StoreError({
        code: 'conflict',
        message: `A key with id ${record.id} (or the same secret) is already stored. Generate a new key.`,
      });
    }
  }

  async findKeyByHash(keyHash: string): Promise<VirtualKeyRecord | null> {
    const now = Date.now();
    const cached = this.#cache.get(keyHash);
    if (cached !== undefined && cached.until > now) return cached.record;
    const { rows } = await this.#query<AccessKeyRow>(
      'findKeyByHash',
      `SELECT ${KEY_COLUMNS} FROM toolbridge_access_keys WHERE key_hash = $1`,
      [keyHash],
    );
    const record = rows[0] === undefined ? null : decodeAccessKey(rows[0]);
    // Only known keys are cached: a flood of wrong keys must not grow memory.
    if (record !== null && this.#keyCacheMs > 0) {
      if (this.#cache.size >= storageDefaults.keyCacheEntries) this.#cache.clear();
      this.#cache.set(keyHash, { record, until: now + this.#keyCacheMs });
    }
    return record;
  }

  async getKey(id: string): Promise<VirtualKeyRecord | null> {
    const { rows } = await this.#query<AccessKeyRow>(
      'getKey',
      `SELECT ${KEY_COLUMNS} FROM toolbridge_access_keys WHERE id = $1`,
      [id],
    );
    return rows[0] === undefined ? null : decodeAccessKey(rows[0]);
  }

  async listKeys(options: { projectId?: string } = {}): Promise<VirtualKeyRecord[]> {
    const { projectId } = options;
    const { rows } =
      projectId === undefined
        ? await this.#query<AccessKeyRow>(
            'listKeys',
            `SELECT ${KEY_COLUMNS} FROM toolbridge_access_keys ORDER BY created_at, id`,
            [],
          )
        : await this.#query<AccessKeyRow>(
            'listKeys',
            `SELECT ${KEY_COLUMNS} FROM toolbridge_access_keys WHERE project_id = $1 ORDER BY created_at, id`,
            [projectId],
          );
    return rows.map(decodeAccessKey);
  }

  async revokeKey(id: string, revokedAt: number): Promise<boolean> {
    // This instance stops accepting the key at once; the others within keyCacheMs.
    this.#cache.clear();
    const { rowCount } = await this.#query(
      'revokeKey',
      'UPDATE toolbridge_access_keys SET revoked_at = $1 WHERE id = $2 AND revoked_at IS NULL',
      [revokedAt, id],
    );
    return (rowCount ?? 0) > 0;
  }

  async takeRequest({ keyId, windowStart, rpm, tpm, budget }: TakeRequestOptions): Promise<RateWindow> {
    const bounds = [keyId, windowStart, rpm ?? UNLIMITED, tpm ?? UNLIMITED];
    if (budget !== undefined && budget !== null) {
      const { rows } = await this.#query<{ spent: string; requests: number | null; tokens: string | null }>(
        'takeRequest',
        TAKE_WITHIN_BUDGET,
        [...bounds, budget.periodStart, budget.nanoUsd],
      );
      const spent = Number(rows[0]?.spent ?? 0);
      if (spent >= budget.nanoUsd)
        return { admitted: false, requests: 0, tokens: 0, spent, overBudget: true };
      const row = rows[0];
      if (row !== undefined && row.requests !== null)
        return { admitted: true, requests: row.requests, tokens: Number(row.tokens), spent };
      return { ...(await this.#fullWindow(keyId, windowStart)), spent };
    }
    const taken = await this.#query<{ requests: number; tokens: string }>('takeRequest', TAKE, bounds);
    const row = taken.rows[0];
    if (row !== undefined) return { admitted: true, requests: row.requests, tokens: Number(row.tokens) };
    return this.#fullWindow(keyId, windowStart);
  }

  /** A window the take found full: what filled it, read after the take (the count it was refused at). */
  async #fullWindow(keyId: string, windowStart: number): Promise<RateWindow> {
    const full = await this.#query<{ requests: number; tokens: string }>('takeRequest', WINDOW, [
      keyId,
      windowStart,
    ]);
    const window = full.rows[0];
    return { admitted: false, requests: window?.requests ?? 0, tokens: Number(window?.tokens ?? 0) };
  }

  async addTokens({ keyId, windowStart, tokens }: { keyId: string; windowStart: number; tokens: number }) {
    await this.#query('addTokens', ADD_TOKENS, [keyId, windowStart, tokens]);
  }

  async getSpend({ keyId, periodStart }: { keyId: string; periodStart: number }): Promise<number> {
    const { rows } = await this.#query<{ nano_usd: string }>(
      'getSpend',
      'SELECT nano_usd::text AS nano_usd FROM toolbridge_access_spend WHERE key_id = $1 AND period_start = $2',
      [keyId, periodStart],
    );
    return Number(rows[0]?.nano_usd ?? 0);
  }

  async addSpend({ keyId, periodStart, nanoUsd }: { keyId: string; periodStart: number; nanoUsd: number }) {
    await this.#query('addSpend', ADD_SPEND, [keyId, periodStart, nanoUsd]);
  }

  async addUsage({ keyId, tokens, spend }: UsageBooking): Promise<void> {
    if (tokens !== null && spend !== null) {
      await this.#query('addUsage', ADD_USAGE, [
        keyId,
        tokens.windowStart,
        tokens.tokens,
        spend.periodStart,
        spend.nanoUsd,
      ]);
    } else if (tokens !== null) await this.addTokens({ keyId, ...tokens });
    else if (spend !== null) await this.addSpend({ keyId, ...spend });
  }

  async deleteRateWindowsBefore(windowStart: number): Promise<number> {
    const { rowCount } = await this.#query(
      'deleteRateWindowsBefore',
      'DELETE FROM toolbridge_access_rate_windows WHERE window_start < $1',
      [windowStart],
    );
    return rowCount ?? 0;
  }

  async close(): Promise<void> {
    if (!this.#closed) {
      this.#closed = true;
      this.#cache.clear();
      await this.#pool.end();
    }
  }

  async #query<Row extends QueryResultRow = QueryResultRow>(action: string, text: string, values: unknown[]) {
    if (this.#closed) {
      throw new StoreError({ code: 'closed', message: `Cannot ${action}: the access store is closed.` });
    }
    try {
      return await this.#pool.query<Row>(text, values);
    } catch (error) {
      throw toPostgresStoreError(error, action);
    }
  }
}
