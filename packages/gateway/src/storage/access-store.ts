/**
 * The gateway's access state: virtual keys (only their SHA-256 is stored), per-key rate windows and
 * per-key spend (docs/configuration.md#projects-keys-and-limits). One interface, one conformance
 * suite (`access-store.case.ts`), the same two backends and the same database as the Responses store.
 */

/** How often a budget starts over: calendar periods in UTC, or never (`total`). */
export type BudgetPeriod = 'day' | 'week' | 'month' | 'total';

/** A spending cap of one key, in nano-USD (10⁻⁹ USD) so sums stay exact integers. */
export interface KeyBudget {
  nanoUsd: number;
  period: BudgetPeriod;
}

/** One virtual key as stored. The key itself is never stored, only `keyHash`. */
export interface VirtualKeyRecord {
  /** `key_…`: the public handle used to list, inspect and revoke the key. */
  id: string;
  /** Lower-case hex SHA-256 of the key. */
  keyHash: string;
  projectId: string;
  /** A label for people (`--name`); null when none was given. */
  name: string | null;
  /** The key's prefix and last four characters, so people can tell keys apart. */
  hint: string;
  /** Models the key may use; null = every model the gateway routes. */
  models: string[] | null;
  /** Requests per minute; null = unlimited. */
  rpm: number | null;
  /** Tokens (input + output) per minute; null = unlimited. */
  tpm: number | null;
  budget: KeyBudget | null;
  /** Unix seconds after which the key is refused; null = never. */
  expiresAt: number | null;
  createdAt: number;
  /** Unix seconds of the revocation; null while the key is live. */
  revokedAt: number | null;
}

/** Options of `takeRequest`: one request of a key in the fixed window that starts at `windowStart`. */
export interface TakeRequestOptions {
  keyId: string;
  /** Unix seconds at the start of the current minute. */
  windowStart: number;
  /** Requests allowed in the window; null = unlimited. */
  rpm: number | null;
  /** Tokens allowed in the window; null = unlimited. */
  tpm: number | null;
  /**
   * The key's budget in the period that starts at `periodStart`, in nano-USD: when given, the
   * period's spend is read in the same transaction (one round trip) and a spent budget (spend ≥
   * `nanoUsd`) takes nothing.
   */
  budget?: KeyBudgetCheck | null;
}

/** What `takeRequest` checks a key's spend against. */
export interface KeyBudgetCheck {
  periodStart: number;
  nanoUsd: number;
}

/** The key's window after `takeRequest`; `admitted` false means nothing was counted. */
export interface RateWindow {
  admitted: boolean;
  /** Requests counted in the window (this one included when admitted); 0 when `overBudget`. */
  requests: number;
  /** Tokens counted in the window; 0 when `overBudget`. */
  tokens: number;
  /** With `budget`: the period's spend in nano-USD, read before the take. */
  spent?: number;
  /** With `budget`: the budget is spent, so the window was neither read nor counted. */
  overBudget?: boolean;
}

/** A finished request's booking (`addUsage`): tokens into its minute, cost into its budget period. */
export interface UsageBooking {
  keyId: string;
  tokens: { windowStart: number; tokens: number } | null;
  spend: { periodStart: number; nanoUsd: number } | null;
}

/** Storage for access state; every failure is a `StoreError`. */
export interface AccessStore {
  /** Stores a new key; an id or hash already stored → `conflict`. */
  createKey(record: VirtualKeyRecord): Promise<void>;
  /**
   * The key with this hash, revoked or not (the caller decides), or null. The PostgreSQL backend
   * may answer from a cache younger than `storageDefaults.postgresKeyCacheMs`.
   */
  findKeyByHash(keyHash: string): Promise<VirtualKeyRecord | null>;
  /** The key with this id, or null. Never cached. */
  getKey(id: string): Promise<VirtualKeyRecord | null>;
  /** Every key, oldest first; only one project's with `projectId`. */
  listKeys(options?: { projectId?: string }): Promise<VirtualKeyRecord[]>;
  /** Marks the key revoked at `revokedAt`; false if unknown or already revoked. */
  revokeKey(id: string, revokedAt: number): Promise<boolean>;
  /**
   * Counts one request in the key's window, atomically, only if the window still has room: fewer
   * than `rpm` requests and fewer than `tpm` tokens — and, with `budget`, only if the key's spend
   * in that period is below it. Exact across every process sharing the database.
   */
  takeRequest(options: TakeRequestOptions): Promise<RateWindow>;
  /** Adds finished requests' tokens to the key's window that starts at `windowStart`. */
  addTokens(options: { keyId: string; windowStart: number; tokens: number }): Promise<void>;
  /** What the key spent in the budget period that starts at `periodStart`, in nano-USD. */
  getSpend(options: { keyId: string; periodStart: number }): Promise<number>;
  /** Adds spend to the key's period, atomically. */
  addSpend(options: { keyId: string; periodStart: number; nanoUsd: number }): Promise<void>;
  /**
   * Books a finished request: `tokens` into its minute and `spend` into its budget period, each as
   * `addTokens` and `addSpend` would, in one write (a null part is skipped). One commit per request
   * instead of two: a team's gateway books every answer.
   */
  addUsage(options: UsageBooking): Promise<void>;
  /** Forgets rate windows that started before `windowStart`; returns how many. */
  deleteRateWindowsBefore(windowStart: number): Promise<number>;
  /** Releases the database; later calls fail with `closed`. Calling it twice is harmless. */
  close(): Promise<void>;
}
