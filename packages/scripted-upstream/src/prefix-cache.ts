import { SCRIPTED_UPSTREAM_DEFAULTS } from './scripted-upstream-defaults.js';

/**
 * Remembers which prompt prefixes this upstream has seen, so a repeated prefix can be reported as
 * cached tokens. Bounded: it is cleared when full. This is the double's only cross-request state,
 * and it never changes what the upstream answers, only the usage numbers.
 */
export class PrefixCache {
  readonly #seen = new Set<string>();
  readonly #capacity: number;

  constructor(capacity: number = SCRIPTED_UPSTREAM_DEFAULTS.prefixCacheEntries) {
    this.#capacity = capacity;
  }

  /** Records `key` and returns whether it had been seen before. */
  visit(key: string): boolean {
    if (this.#seen.has(key)) return true;
    if (this.#seen.size >= this.#capacity) this.#seen.clear();
    this.#seen.add(key);
    return false;
  }
}
