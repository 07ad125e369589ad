import type { IncomingMessage } from 'node:http';
import { GatewayError } from '../errors/gateway-error.js';
import { findKeyHash, readBearerToken, unauthorized } from '../http/check-auth.js';
import { hashKey } from './hash-key.js';

/**
 * Guards `/admin/…` (docs/configuration.md#the-admin-api): the admin key's digest against the
 * presented key's, in constant time. Without `adminKeyEnv` there is no admin API at all (404).
 */
export function checkAdminKey(request: IncomingMessage, adminHash: Buffer | null, path: string): void {
  if (adminHash === null) {
    throw new GatewayError({
      code: 'not_found',
      message: `Invalid URL (${request.method} ${path}). The admin API is off: set "adminKeyEnv" in the config.`,
      openaiCode: null,
    });
  }
  const token = readBearerToken(request);
  if (token === '' || findKeyHash(hashKey(token), [adminHash]) === -1) throw unauthorized(token);
}
