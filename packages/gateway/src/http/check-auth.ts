import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { GatewayError } from '../errors/gateway-error.js';

/**
 * Compares digests, not the keys: `timingSafeEqual` needs equal lengths, and comparing lengths first
 * would tell an attacker how long a key is. SHA-256 makes every comparison 32 bytes.
 */
function sameKey(given: Buffer, expected: Buffer): boolean {
  const digest = (value: Buffer): Buffer => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(given), digest(expected));
}

/** Requires `Authorization: Bearer <key>` with one of the configured client keys (none configured → open). */
export function checkAuth(request: IncomingMessage, keys: readonly Buffer[]): void {
  if (keys.length === 0) return;
  const header = request.headers.authorization;
  const token = typeof header === 'string' && header.startsWith('Bearer ') ? header.slice(7).trim() : '';
  const given = Buffer.from(token);
  // Every key is compared (no early exit), so the time does not say which one matched.
  let matched = false;
  for (const key of keys) matched = sameKey(given, key) || matched;
  if (token !== '' && matched) return;
  throw new GatewayError({
    code: 'unauthorized',
    message:
      token === ''
        ? 'You didn\'t provide an API key. Send it as "Authorization: Bearer <key>".'
        : 'Incorrect API key provided.',
    openaiCode: 'invalid_api_key',
  });
}
