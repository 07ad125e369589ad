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
export { PostgresAccessStore, type PostgresAccessStoreOptions } from './postgres-access-store.js';
export { PostgresResponseStore, type PostgresResponseStoreOptions } from './postgres-response-store.js';
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
