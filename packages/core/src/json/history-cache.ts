import { arrayAfterKey, isJsonSpace, isTopLevel, valueEnd } from './top-level-array.js';

/** Characters of a history's first element that pick its bucket (see `bucketKey`). */
const PREFIX = 64;

/** A kept history: the text of its elements, from the `[` to the end of the last one, and its value. */
interface Entry<Value> {
  key: string;
  text: string;
  value: Value;
}

/** Where a kept history sits in a body: it starts at `start` (the `[`) and its elements end at `keptEnd`. */
export interface HistoryHit<Value> {
  value: Value;
  start: number;
  keptEnd: number;
  /** True when the body's array holds nothing more than the kept elements. */
  complete: boolean;
}

export interface HistoryCacheLimits {
  /** Most characters of kept text in all (default 8 MB); the least recently used go first. */
  maxChars?: number;
  /** Longest history kept, in characters (default 512 KB); longer ones are parsed in full every time. */
  maxText?: number;
  /** Histories kept per bucket, i.e. per first element (default 16). */
  perBucket?: number;
}

/**
 * Parsed histories kept by the exact text of a body's top-level array (a Chat request's `messages`):
 * each request of an agent loop resends the whole conversation so far, and the next one adds a few
 * messages at its end. A request whose array begins with a kept history's text, followed by `,` or
 * `]`, can reuse the kept elements and parse only what follows (docs/adr/0011-tool-set-cache.md).
 *
 * The key is cheap: a native `indexOf` finds the array, the text of its first element (at most 64
 * characters of it: usually the system prompt) picks a bucket, and one native comparison per candidate
 * checks the rest. `find` proves only that the kept text sits where the first literal key's array
 * starts; the caller proves the rest (the gateway parses the body with a secret placeholder in place of
 * the kept elements and checks that the top-level array begins with it). Only the part of an array
 * that is not kept yet is ever scanned, to store it.
 *
 * Memory is bounded by characters of text kept (`maxChars`), least recently used first; a history
 * replaces the one it extends, so a conversation holds one entry however many turns it takes.
 */
export class HistoryCache<Value> {
  private readonly quotedKey: string;
  private readonly maxChars: number;
  private readonly maxText: number;
  private readonly perBucket: number;
  /** Buckets by first element, each most recently used first. */
  private readonly buckets = new Map<string, Entry<Value>[]>();
  /** Every entry, least recently used first (a Map iterates in insertion order). */
  private readonly recency = new Map<Entry<Value>, true>();
  private chars = 0;

  constructor(key: string, limits: HistoryCacheLimits = {}) {
    this.quotedKey = JSON.stringify(key);
    this.maxChars = limits.maxChars ?? 8 * 1024 * 1024;
    this.maxText = limits.maxText ?? 512 * 1024;
    this.perBucket = limits.perBucket ?? 16;
  }

  /** Characters of text kept, for tests and limits. */
  get size(): number {
    return this.chars;
  }

  /**
   * The longest kept history whose text sits where the first literal key's array starts in `bodyText`
   * and is followed by `,` or `]`; undefined when there is none. Nothing is created.
   */
  find(bodyText: string): HistoryHit<Value> | undefined {
    const start = arrayAfterKey(bodyText, this.quotedKey, bodyText.indexOf(this.quotedKey));
    if (start === -1) return undefined;
    const bucket = this.buckets.get(bucketKey(bodyText, start));
    if (bucket === undefined) return undefined;
    let best: Entry<Value> | undefined;
    let bestEnd = -1;
    for (const entry of bucket) {
      if (best !== undefined && entry.text.length <= best.text.length) continue;
      const keptEnd = start + entry.text.length;
      // slice + === compares in native code several times faster than startsWith (V8, Node 20).
      if (bodyText.slice(start, keptEnd) !== entry.text) continue;
      const next = bodyText.charCodeAt(skipSpace(bodyText, keptEnd));
      if (next !== 0x2c && next !== 0x5d) continue; // ',' or ']'
      best = entry;
      bestEnd = keptEnd;
    }
    if (best === undefined) return undefined;
    this.touch(best, bucket);
    const complete = bodyText.charCodeAt(skipSpace(bodyText, bestEnd)) === 0x5d;
    return { value: best.value, start, keptEnd: bestEnd, complete };
  }

  /**
   * Keeps the history of `bodyText` (valid JSON whose top-level object has an own, non-empty array
   * under the key) with the value `create` makes, and returns that value; undefined when the array
   * cannot be located cheaply or is too long to keep (then nothing is kept).
   */
  remember(bodyText: string, create: () => Value): Value | undefined {
    const keyAt = bodyText.indexOf(this.quotedKey);
    const start = arrayAfterKey(bodyText, this.quotedKey, keyAt);
    if (start === -1) return undefined;
    const end = valueEnd(bodyText, start, this.maxText);
    if (end === -1 || !isTopLevel(bodyText, this.quotedKey, keyAt, end)) return undefined;
    return this.store(bodyText, start, end, create(), undefined);
  }

  /**
   * Keeps the longer history of `bodyText`, which the caller proved extends `hit` (its array is the
   * top-level one and begins with the kept elements), with `value`, in place of the history it extends.
   * Only the text after the kept elements is scanned. Returns `value`.
   */
  extend(bodyText: string, hit: HistoryHit<Value>, value: Value): Value {
    const keptLength = hit.keptEnd - hit.start;
    const end = valueEnd(bodyText, hit.keptEnd, this.maxText - keptLength, 1);
    if (end === -1) return value;
    const replaced = this.entryOf(bodyText, hit);
    return this.store(bodyText, hit.start, end, value, replaced);
  }

  private entryOf(bodyText: string, hit: HistoryHit<Value>): Entry<Value> | undefined {
    return this.buckets.get(bucketKey(bodyText, hit.start))?.find((entry) => entry.value === hit.value);
  }

  private store(
    bodyText: string,
    start: number,
    end: number,
    value: Value,
    replaced: Entry<Value> | undefined,
  ): Value {
    // The elements' text: from the `[` to the end of the last element, without the `]`.
    let last = end - 2;
    while (last > start && isJsonSpace(bodyText.charCodeAt(last))) last--;
    if (last <= start) return value; // An empty array: nothing worth keeping.
    if (replaced !== undefined) this.evict(replaced);
    const key = bucketKey(bodyText, start);
    // A copy, so the cache does not keep the whole request body alive through a sliced string.
    const text = Buffer.from(bodyText.slice(start, last + 1), 'utf8').toString('utf8');
    const entry: Entry<Value> = { key, text, value };
    for (const same of this.buckets.get(key)?.filter((kept) => kept.text === text) ?? []) this.evict(same);
    const bucket = this.buckets.get(key) ?? [];
    bucket.unshift(entry);
    this.buckets.set(key, bucket);
    this.recency.set(entry, true);
    this.chars += text.length;
    while (bucket.length > this.perBucket) this.evict(bucket[bucket.length - 1] as Entry<Value>);
    for (const oldest of this.recency.keys()) {
      if (this.chars <= this.maxChars) break;
      this.evict(oldest);
    }
    return value;
  }

  private touch(entry: Entry<Value>, bucket: Entry<Value>[]): void {
    this.recency.delete(entry);
    this.recency.set(entry, true);
    const at = bucket.indexOf(entry);
    if (at > 0) {
      bucket.splice(at, 1);
      bucket.unshift(entry);
    }
  }

  private evict(entry: Entry<Value>): void {
    if (!this.recency.delete(entry)) return;
    this.chars -= entry.text.length;
    const bucket = this.buckets.get(entry.key);
    if (bucket === undefined) return;
    const at = bucket.indexOf(entry);
    if (at !== -1) bucket.splice(at, 1);
    if (bucket.length === 0) this.buckets.delete(entry.key);
  }
}

function skipSpace(text: string, index: number): number {
  let at = index;
  while (isJsonSpace(text.charCodeAt(at))) at++;
  return at;
}

/**
 * The bucket of the array starting at `start`: its text up to the end of its first element when that
 * is short, else its first `PREFIX` characters. Every turn of a conversation begins with the same
 * first element (usually the system prompt), so its turns share a bucket whatever they add at the end.
 */
function bucketKey(text: string, start: number): string {
  const firstEnd = valueEnd(text, skipSpace(text, start + 1), PREFIX);
  return text.slice(start, firstEnd === -1 ? start + PREFIX : firstEnd);
}
