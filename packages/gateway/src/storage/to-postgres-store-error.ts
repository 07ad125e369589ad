import { DatabaseError } from 'pg';
import { StoreError } from './store-error.js';

/** Node socket errors that mean "the server is not reachable right now". */
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENOTFOUND',
]);

/**
 * Converts whatever `pg` threw during `action` into a StoreError (kept as `cause`). SQLSTATE
 * classes: 08 connection, 53 resources, 57 operator intervention → `unavailable`; 28 auth and
 * 3D000 unknown database → `invalid_location`, because the URL needs fixing.
 */
export function toPostgresStoreError(error: unknown, action: string): StoreError {
  if (StoreError.isInstance(error)) {
    return error;
  }
  const detail = error instanceof Error ? error.message : String(error);
  if (error instanceof DatabaseError && error.code !== undefined) {
    const sqlState = error.code;
    if (sqlState.startsWith('28') || sqlState === '3D000') {
      return new StoreError({
        code: 'invalid_location',
        message: `PostgreSQL refused to ${action}: ${detail} (SQLSTATE ${sqlState}). Fix the user, password or database name in the postgres:// URL.`,
        cause: error,
      });
    }
    if (['08', '53', '57'].some((sqlClass) => sqlState.startsWith(sqlClass))) {
      return unavailable(action, `${detail} (SQLSTATE ${sqlState})`, error);
    }
    return new StoreError({
      code: 'backend_error',
      message: `PostgreSQL could not ${action}: ${detail} (SQLSTATE ${sqlState}).`,
      cause: error,
    });
  }
  const networkCode = typeof error === 'object' && error !== null && 'code' in error ? error.code : undefined;
  if (
    (typeof networkCode === 'string' && NETWORK_CODES.has(networkCode)) ||
    /timeout|terminat/i.test(detail)
  ) {
    return unavailable(action, detail, error);
  }
  return new StoreError({
    code: 'backend_error',
    message: `PostgreSQL could not ${action}: ${detail}.`,
    cause: error,
  });
}

function unavailable(action: string, detail: string, cause: unknown): StoreError {
  return new StoreError({
    code: 'unavailable',
    message: `PostgreSQL is unavailable (${action}): ${detail}. Check that the server is running and reachable at the configured URL; retrying may help.`,
    cause,
  });
}
