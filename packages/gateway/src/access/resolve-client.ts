import type { IncomingMessage } from 'node:http';
import type { GatewayConfig } from '../config/gateway-config.js';
import { findKeyHash, readBearerToken, unauthorized } from '../http/check-auth.js';
import type { AccessStore } from '../storage/access-store.js';
import { type ClientIdentity, OPEN_CLIENT } from './client-identity.js';
import { hashConfiguredKeys } from './configured-keys.js';
import { hashKey } from './hash-key.js';

/** Turns a request's bearer key into the identity it acts as (or a 401). */
export type ClientResolver = (request: IncomingMessage) => Promise<ClientIdentity>;

/** True when the config names any key source: then every /v1 request needs a key. */
export function keysRequired(config: Pick<GatewayConfig, 'apiKeys' | 'projects' | 'adminKey'>): boolean {
  return config.apiKeys.length > 0 || config.projects.length > 0 || config.adminKey !== null;
}

/**
 * Builds the key check (docs/configuration.md#projects-keys-and-limits): without any key source
 * every request is the open default project, as before projects existed; otherwise the key must be
 * one of the config's (compared as SHA-256 digests in constant time) or a live virtual key of the
 * access store (found by its digest). Revoked and unknown keys get the same 401; an expired key's
 * 401 says so.
 */
export function createClientResolver(
  config: Pick<GatewayConfig, 'apiKeys' | 'projects' | 'adminKey'>,
  store: AccessStore | null,
): ClientResolver {
  if (!keysRequired(config)) return async () => OPEN_CLIENT;
  const configured = hashConfiguredKeys(config);
  return async (request) => {
    const token = readBearerToken(request);
    if (token === '') throw unauthorized(token);
    const digest = hashKey(token);
    const index = findKeyHash(digest, configured.hashes);
    const identity = configured.identities[index];
    if (identity !== undefined) return identity;
    const record = store === null ? null : await store.findKeyByHash(digest.toString('hex'));
    if (record === null || record.revokedAt !== null) throw unauthorized(token);
    if (record.expiresAt !== null && record.expiresAt * 1000 <= Date.now()) {
      throw unauthorized(
        token,
        `Incorrect API key provided: this key (${record.hint}) expired at ${new Date(record.expiresAt * 1000).toISOString()}. Ask your gateway admin for a new key.`,
      );
    }
    return {
      kind: 'virtual',
      projectId: record.projectId,
      keyId: record.id,
      policy: { models: record.models, rpm: record.rpm, tpm: record.tpm, budget: record.budget },
    };
  };
}
