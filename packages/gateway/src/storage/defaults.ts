/**
 * Every behaviour-changing default of the Responses store, in one place.
 */
export const storageDefaults = {
  /**
   * Most records `loadChain` returns. Bounds memory and time for a hostile or runaway chain and
   * stops a cycle of `previous_response_id` links; long agent loops stay far below it.
   */
  maxChainDepth: 1_000,
  /**
   * `GET /v1/responses/{id}/input_items` page size and bounds (docs/protocol/responses.md#list-input-items).
   */
  inputItems: { defaultLimit: 20, minLimit: 1, maxLimit: 100, defaultOrder: 'desc' },
  /**
   * Longest accepted response or item id; real ids are about 52 characters
   * (docs/protocol/responses.md#response-object).
   */
  maxIdLength: 256,
  /**
   * Most distinct ids one `findItems` call looks up: one request's item references cannot turn into
   * an unbounded query (a 20 MiB body holds hundreds of thousands of them).
   */
  maxFindItemsIds: 10_000,
  /** Rows `deleteOlderThan` removes per statement, so retention never holds the write lock for long. */
  retentionBatchSize: 500,
  /**
   * Time between retention sweeps. Expiry is by whole days, so an hour late is harmless, and an
   * hourly sweep keeps each backlog small.
   */
  retentionIntervalMs: 60 * 60 * 1000,
  /**
   * Pause between two full retention batches: requests' saves and reads get the database in between
   * (SQLite has one writer), and 500 rows per 50 ms still clears a backlog of millions within the hour.
   */
  retentionPauseMs: 50,
  /** How long SQLite waits for another connection's write lock before failing with `unavailable`. */
  sqliteBusyTimeoutMs: 5_000,
  /**
   * SQLite commits the saves of one event-loop turn in one transaction (ADR 0005): one commit
   * instead of one per concurrent response, same durability. `false` commits each save alone.
   */
  sqliteGroupCommit: true,
  /** WAL pages before an automatic checkpoint (SQLite's default is 1,000, about 4 MiB). */
  sqliteWalAutocheckpointPages: 10_000,
  /**
   * Time between two background checkpoints of a SQLite file (a worker thread, `WalCheckpointer`):
   * what the automatic checkpoint still has to copy on the event loop is at most this much of writes.
   */
  sqliteWalCheckpointIntervalMs: 200,
  /** PostgreSQL pool: connections per gateway instance and how long to wait for one. */
  postgresPool: { maxConnections: 10, connectionTimeoutMs: 10_000, idleTimeoutMs: 30_000 },
  /** Connections of the access store's own pool (key lookups and limit counters: short statements). */
  postgresAccessPoolConnections: 4,
  /**
   * How long a PostgreSQL gateway trusts a virtual key it looked up: a revocation on one instance
   * reaches the others within this time (docs/configuration.md#projects-keys-and-limits), while a
   * busy key costs one lookup per half second instead of one per request.
   */
  postgresKeyCacheMs: 500,
  /** Keys cached at most; the cache starts over when full (only known keys are cached). */
  keyCacheEntries: 10_000,
} as const;
