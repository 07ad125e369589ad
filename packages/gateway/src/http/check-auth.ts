import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { GatewayError } from '../errors/gateway-error.js';

/** The `Authorization: Bearer <key>` token, trimmed; '' when there is none. */
export function readBearerToken(request: IncomingMessage): string {
  const header = request.headers.authorization;
  return typeof header === 'string' && header.startsWith('Bearer ') ? header.slice(7).trim() : '';
}

/**
 * Index of `given` (a key's SHA-256) among `hashes`, or -1. Every entry is compared, in constant
 * time, whichever matches: digests have one length, so timing tells nothing about any key.
 */
export function findKeyHash(given: Buffer, hashes: readonly Buffer[]): number {
  let found = -1;
  hashes.forEach((hash, index) => {
    if (hash.length === given.length && timingSafeEqual(hash, given) && found === -1) found = index;
  });
  return found;
}

/** The 401 OpenAI sends for a missing or wrong key (the key itself never appears). */
export function unauthorized(token: string, message = 'Incorrect API key provided.'): GatewayError {
  return new GatewayError({
    code: 'unauthorized',
    message:
      token === '' ? 'You didn\'t provide an API key. Send it as "Authorization: Bearer <key>".' : message,
    openaiCode: 'invalid_api_key',
  });
}
