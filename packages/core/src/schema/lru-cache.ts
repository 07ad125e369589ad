/**
 * A size-bounded map that forgets the least recently used entry first. `onEvict` lets the owner
 * release what the entry holds (here: Ajv's own reference to the compiled schema).
 */
export class LruCache<Key, Value> {
  private readonly entries = new Map<Key, Value>();

  constructor(
    private readonly maxEntries: number,
    private readonly onEvict: (key: Key, value: Value) => void = () => {},
  ) {}

  /** The value for `key`, marked as most recently used. */
  get(key: Key): Value | undefined {
    const value = this.entries.get(key);
    if (value === undefined) return undefined;
    // A Map iterates in insertion order, so re-inserting moves the entry to the young end.
    this.entries.delete(key);
    this.entries.set(key, value);
    return value;
  }

  /** Stores `value`, evicting the oldest entries beyond the bound. */
  set(key: Key, value: Value): void {
    this.entries.delete(key);
    this.entries.set(key, value);
    while (this.entries.size > this.maxEntries) {
      const oldest = this.entries.entries().next();
      if (oldest.done === true) break;
      const [oldestKey, oldestValue] = oldest.value;
      this.entries.delete(oldestKey);
      this.onEvict(oldestKey, oldestValue);
    }
  }

  /** Number of entries held. */
  get size(): number {
    return this.entries.size;
  }
}
