/** Public surface of the gateway's Responses storage. */
export { storageDefaults } from './defaults.js';
export { type OpenResponseStoreOptions, openResponseStore } from './open-response-store.js';
export { PostgresResponseStore, type PostgresResponseStoreOptions } from './postgres-response-store.js';
export type {
  DeleteOlderThanOptions,
  InputItemsPage,
  ListInputItemsOptions,
  LoadChainOptions,
  ResponseStore,
  StoredResponse,
} from './response-store.js';
export { type RetentionSweep, RetentionSweeper, type RetentionSweeperOptions } from './retention-sweeper.js';
export { SqliteResponseStore, type SqliteResponseStoreOptions } from './sqlite-response-store.js';
export { StoreError, type StoreErrorCode } from './store-error.js';
