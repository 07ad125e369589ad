import type { AccessStore } from './access-store.js';
import type { PostgresResponseStoreOptions } from './postgres-response-store.js';
import type { ResponseStore } from './response-store.js';
import { SqliteAccessStore } from './sqlite-access-store.js';
import { SqliteResponseStore, type SqliteResponseStoreOptions } from './sqlite-response-store.js';
import { StoreError } from './store-error.js';

/** Backend options of `openResponseStore`; only the one matching the location is used. */
export interface OpenResponseStoreOptions {
  sqlite?: SqliteResponseStoreOptions;
  postgres?: PostgresResponseStoreOptions;
}

const HOW_TO = "Use ':memory:', a file path such as ./data/toolbridge.db, or a postgres:// URL.";

/**
 * Opens the store a location names: `:memory:` → SQLite in memory, `postgres://…` or
 * `postgresql://…` → PostgreSQL, anything else → a SQLite file path. Bad locations fail with
 * `invalid_location` and a message that says what to change.
 */
export async function openResponseStore(
  location: string,
  options: OpenResponseStoreOptions = {},
): Promise<ResponseStore> {
  const trimmed = typeof location === 'string' ? location.trim() : '';
  if (trimmed === '') {
    throw invalidLocation(`The storage location is empty. ${HOW_TO}`);
  }
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(trimmed)?.[1]?.toLowerCase();
  if (scheme === 'postgres' || scheme === 'postgresql') {
    assertParsableUrl(trimmed);
    // The PostgreSQL backend (and `pg`) is loaded only for a postgres:// location, so a SQLite
    // gateway does not keep that code in its heap (docs/adr/0014-memory-under-load.md).
    const { PostgresResponseStore } = await import('./postgres-response-store.js');
    return PostgresResponseStore.open(trimmed, options.postgres);
  }
  if (scheme !== undefined) {
    throw invalidLocation(
      `Unsupported storage location scheme '${scheme}://'. ${HOW_TO} (for SQLite give the path itself, not a URL).`,
    );
  }
  return SqliteResponseStore.open(trimmed, options.sqlite);
}

function assertParsableUrl(url: string): void {
  try {
    new URL(url);
  } catch (error) {
    throw invalidLocation(
      `The PostgreSQL URL ${redact(url)} is not a valid URL. Use postgres://user:password@host:5432/database and percent-encode special characters in the password.`,
      error,
    );
  }
}

/** Never echo a password into logs: keep the scheme and everything after the last '@'. */
function redact(url: string): string {
  const at = url.lastIndexOf('@');
  return at === -1 ? url : `${url.slice(0, url.indexOf('://') + 3)}***${url.slice(at)}`;
}

function invalidLocation(message: string, cause?: unknown): StoreError {
  return new StoreError({ code: 'invalid_location', message, cause });
}

/**
 * Opens the access store (virtual keys, rate windows, spend) in the same database as the Responses
 * store at `location`, with its own connection. Locations are read exactly as `openResponseStore`
 * reads them.
 */
export async function openAccessStore(location: string): Promise<AccessStore> {
  const trimmed = typeof location === 'string' ? location.trim() : '';
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(trimmed)?.[1]?.toLowerCase();
  if (scheme === 'postgres' || scheme === 'postgresql') {
    assertParsableUrl(trimmed);
    const { PostgresAccessStore } = await import('./postgres-access-store.js');
    return PostgresAccessStore.open(trimmed);
  }
  if (trimmed === '' || scheme !== undefined) {
    throw invalidLocation(`The storage location '${trimmed}' is not usable. ${HOW_TO}`);
  }
  return SqliteAccessStore.open(trimmed);
}
