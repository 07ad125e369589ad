/** Public surface of the gateway's Responses storage. */
export type {
  AccessStore,
  BudgetPeriod,
  KeyBudget,
  RateWindow,
  TakeRequestOptions,
  UsageBooking,
  VirtualKeyRecord,
} from './access-store.js';
export { storageDefaults } from './defaults.js';
export { type OpenResponseStoreOptions, openAccessStore, openResponseStore } from './open-response-store.js';
// The PostgreSQL classes are exported from `@toolbridge/gateway/postgres`, so that importing the
// gateway does not load `pg`; openResponseStore and openAccessStore load them for a postgres:// URL.
export type { PostgresAccessStoreOptions } from './postgres-access-store.js';
export type { PostgresResponseStoreOptions } from './postgres-response-store.js';
export {
  DEFAULT_PROJECT_ID,
  type DeleteOlderThanOptions,
  type InputItemsPage,
  type ListInputItemsOptions,
  type LoadChainOptions,
  type ResponseStore,
  type StoredResponse,
} from './response-store.js';
export { type RetentionSweep, RetentionSweeper, type RetentionSweeperOptions } from './retention-sweeper.js';
export { SqliteAccessStore } from './sqlite-access-store.js';
export { SqliteResponseStore, type SqliteResponseStoreOptions } from './sqlite-response-store.js';
export { StoreError, type StoreErrorCode } from './store-error.js';
