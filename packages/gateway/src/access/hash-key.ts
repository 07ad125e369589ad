import { hash } from 'node:crypto';

/**
 * SHA-256 of a key, trimmed first (a stray newline from an env file is not part of the key). Keys
 * are only ever compared and stored as this digest: equal-length values compared in constant time,
 * so neither a key's bytes nor its length leak through timing.
 */
export function hashKey(key: string): Buffer {
  // The one-shot form: no Hash object per request (Node ≥ 20.12).
  return hash('sha256', key.trim(), 'buffer');
}
