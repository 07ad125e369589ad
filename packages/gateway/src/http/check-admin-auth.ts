import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { hashKey } from '../access/hash-key.js';
import { GatewayError } from '../errors/gateway-error.js';

/** Who may reach the admin surfaces (`/metrics`, `/ui` and its data routes). */
export interface AdminAccess {
  /** Client keys are configured (`apiKeysEnv`): the gateway is meant to be reachable by others. */
  clientKeysConfigured: boolean;
  /** SHA-256 digests of the admin keys (`adminKeyEnv`); empty when none is configured. */
  adminKeyHashes: readonly Buffer[];
}

/** The bearer token, or the password of HTTP Basic credentials (what a browser sends for `/ui`). */
function presentedKey(request: IncomingMessage): string {
  const header = request.headers.authorization;
  if (typeof header !== 'string') return '';
  if (header.startsWith('Bearer ')) return header.slice(7).trim();
  if (header.startsWith('Basic ')) {
    const decoded = Buffer.from(header.slice(6).trim(), 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    return colon === -1 ? '' : decoded.slice(colon + 1);
  }
  return '';
}

function matches(given: string, hashes: readonly Buffer[]): boolean {
  const digest = hashKey(given);
  let found = false;
  // Every digest is compared, so the time taken does not say which key (or whether any) matched.
  for (const hash of hashes) found = timingSafeEqual(digest, hash) || found;
  return found;
}

/**
 * Guards the admin surfaces (docs/observability.md#access). With an admin key configured, the request
 * must present it (Bearer, or as the Basic password so a browser can prompt for it); with client keys
 * but no admin key, these routes stay closed; with neither, the gateway is loopback-only by default and
 * they are open like every other route.
 */
export function checkAdminAuth(request: IncomingMessage, access: AdminAccess): void {
  if (access.adminKeyHashes.length === 0) {
    if (!access.clientKeysConfigured) return;
    throw new GatewayError({
      code: 'unauthorized',
      message:
        'This route needs an admin key, and the gateway has client keys but no admin key. Set "adminKeyEnv" in the config to an environment variable holding one.',
      openaiCode: 'invalid_api_key',
    });
  }
  const given = presentedKey(request);
  if (given !== '' && matches(given, access.adminKeyHashes)) return;
  throw new GatewayError({
    code: 'unauthorized',
    message:
      given === ''
        ? 'This route needs the admin key: send "Authorization: Bearer <admin key>" (or the key as the Basic password).'
        : 'Incorrect admin key provided.',
    openaiCode: 'invalid_api_key',
    headers: { 'www-authenticate': 'Basic realm="toolbridge admin", charset="UTF-8"' },
  });
}
