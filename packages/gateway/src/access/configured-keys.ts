import type { GatewayConfig } from '../config/gateway-config.js';
import type { ClientIdentity } from './client-identity.js';
import { hashKey } from './hash-key.js';

/** The keys of the config file as digests, each with the identity it grants. */
export interface ConfiguredKeys {
  hashes: Buffer[];
  identities: ClientIdentity[];
}

/**
 * Hashes the config's client keys once, at start. A key of `apiKeysEnv` is its own project, named
 * `key:` + 12 hex digits of its hash (stable across restarts, and no secret); a key of `projects`
 * acts for that project (docs/configuration.md#projects-keys-and-limits).
 */
export function hashConfiguredKeys(config: Pick<GatewayConfig, 'apiKeys' | 'projects'>): ConfiguredKeys {
  const hashes: Buffer[] = [];
  const identities: ClientIdentity[] = [];
  const add = (key: string, projectOf: (short: string) => string): void => {
    const hash = hashKey(key);
    const short = hash.toString('hex').slice(0, 12);
    hashes.push(hash);
    identities.push({ kind: 'configured', projectId: projectOf(short), keyId: `cfg:${short}`, policy: null });
  };
  for (const key of config.apiKeys) add(key, (short) => `key:${short}`);
  for (const project of config.projects) for (const key of project.keys) add(key, () => project.name);
  return { hashes, identities };
}
