import type { KeyBudget } from '../storage/access-store.js';
import { DEFAULT_PROJECT_ID } from '../storage/response-store.js';

/** What one key may do (docs/configuration.md#projects-keys-and-limits); null fields mean no limit. */
export interface KeyPolicy {
  /** Models the key may ask for; null = every model the gateway routes. */
  models: readonly string[] | null;
  rpm: number | null;
  tpm: number | null;
  budget: KeyBudget | null;
}

/**
 * Who sent a request, as the key check resolved it: the project that owns what the request stores
 * and reads, and for a virtual key its id and limits.
 */
export interface ClientIdentity {
  /** How the request was let in: no keys configured, a key from the config, or a virtual key. */
  kind: 'open' | 'configured' | 'virtual';
  projectId: string;
  /** Loggable handle of the key (`key_…`, or `cfg:` + 12 hex digits of its hash); null when open. */
  keyId: string | null;
  /** Limits of a virtual key; null for configured keys and an open gateway. */
  policy: KeyPolicy | null;
}

/** The identity of every request to a gateway without client keys: one default project, no limits. */
export const OPEN_CLIENT: ClientIdentity = Object.freeze({
  kind: 'open',
  projectId: DEFAULT_PROJECT_ID,
  keyId: null,
  policy: null,
});
