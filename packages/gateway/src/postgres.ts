/**
 * @toolbridge/gateway/postgres — the PostgreSQL backends of the Responses and access stores, for code
 * that constructs them itself. `openResponseStore` and `openAccessStore` (package root) load them on
 * their own for a postgres:// location; this entry point is separate so that importing the gateway does
 * not load `pg`.
 * @module
 */

export { PostgresAccessStore, type PostgresAccessStoreOptions } from './storage/postgres-access-store.js';
export {
  PostgresResponseStore,
  type PostgresResponseStoreOptions,
} from './storage/postgres-response-store.js';
