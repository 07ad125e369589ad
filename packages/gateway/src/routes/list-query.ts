import { GatewayError } from '../errors/gateway-error.js';
import { StoreError } from '../storage/store-error.js';

/** `limit` of a list route: an integer in [1, max], `fallback` when absent (OpenAI's text on errors). */
export function parseLimit(raw: string | null, fallback = 20, max = 100): number {
  if (raw === null) return fallback;
  const limit = Number(raw);
  if (!Number.isInteger(limit) || limit < 1 || limit > max) {
    throw new GatewayError({
      code: 'invalid_request',
      message: `Invalid 'limit': ${raw}. Expected an integer between 1 and ${max}.`,
      param: 'limit',
      openaiCode: 'invalid_value',
    });
  }
  return limit;
}

/** `order` of a list route: `asc` or `desc`, `fallback` when absent. */
export function parseOrder(raw: string | null, fallback: 'asc' | 'desc'): 'asc' | 'desc' {
  if (raw === null) return fallback;
  if (raw === 'asc' || raw === 'desc') return raw;
  throw new GatewayError({
    code: 'invalid_request',
    message: `Invalid value: '${raw}'. Supported values are: 'asc' and 'desc'.`,
    param: 'order',
    openaiCode: 'invalid_value',
  });
}

/** Runs a store read, turning an unknown `after` cursor into a 400 on `after` with `what` named. */
export async function withCursor<T>(after: string | null, what: string, read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (error) {
    if (StoreError.isInstance(error) && error.code === 'invalid_cursor') {
      throw new GatewayError({
        code: 'invalid_request',
        message: `Invalid 'after': no ${what} '${after}'.`,
        param: 'after',
        openaiCode: 'invalid_value',
        cause: error,
      });
    }
    throw error;
  }
}
