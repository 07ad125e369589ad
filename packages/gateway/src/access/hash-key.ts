import { createHash } from 'node:crypto';

/**
 * SHA-256 of a key, trimmed first (a stray newline from an env file is not part of the key). Keys
 * are only ever compared and stored as this digest: equal-length values compared in constant time,
 * so neither a key's bytes nor its length leak through timing.
 */
export function hashKey(key: string): Buffer {
  return createHash('sha256').update(key.trim(), 'utf8').digest();
}
