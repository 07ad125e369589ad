import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { GatewayError } from '../errors/gateway-error.js';

function sameKey(given: Buffer, expected: Buffer): boolean {
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** Requires `Authorization: Bearer <key>` with one of the configured client keys (none configured → open). */
export function checkAuth(request: IncomingMessage, keys: readonly Buffer[]): void {
  if (keys.length === 0) return;
  const header = request.headers.authorization;
  const token = typeof header === 'string' && header.startsWith('Bearer ') ? header.slice(7).trim() : '';
  const given = Buffer.from(token);
  if (token !== '' && keys.some((key) => sameKey(given, key))) return;
  throw new GatewayError({
    code: 'unauthorized',
    message:
      token === ''
        ? 'You didn\'t provide an API key. Send it as "Authorization: Bearer <key>".'
        : 'Incorrect API key provided.',
    openaiCode: 'invalid_api_key',
  });
}
