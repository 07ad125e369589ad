import { LruCache } from '../schema/lru-cache.js';

/** JSON whitespace: space, tab, line feed, carriage return. */
function isJsonSpace(code: number): boolean {
  return code === 0x20 || code === 0x09 || code === 0x0a || code === 0x0d;
}

const TOOLS_KEY = '"tools"';

/**
 * Where the array after the first `"tools"` key (at `first`) starts, or -1 when there is no such key
 * or it is not followed by optional whitespace, `:`, optional whitespace and `[`. Native searches only.
 */
function arrayAfterKey(text: string, first: number): number {
  if (first === -1) return -1;
  let index = first + TOOLS_KEY.length;
  while (isJsonSpace(text.charCodeAt(index))) index++;
  if (text.charCodeAt(index) !== 0x3a) return -1; // ':'
  index++;
  while (isJsonSpace(text.charCodeAt(index))) index++;
  return text.charCodeAt(index) === 0x5b ? index : -1; // '['
}

/**
 * True when the array at `start`, ending at `end`, is the top-level `tools` of a body that has one.
 * The key before `start` is the first literal `"tools"`; were it nested, the top-level key would sit
 * outside the enclosing top-level value, so after `end` (nothing comes before the first occurrence),
 * spelled literally or with a `\u` escape. Before the key, only a `\u` escape could hide it. So: no
 * `"tools"` after `end`, and no `\u` before the key or after `end`. Only the text outside the array
 * is searched.
 */
function isTopLevel(text: string, keyAt: number, end: number): boolean {
  if (text.indexOf(TOOLS_KEY, end) !== -1 || text.indexOf('\\u', end) !== -1) return false;
  const backslash = text.indexOf('\\');
  return backslash === -1 || backslash >= keyAt || !text.slice(0, keyAt).includes('\\u');
}

/**
 * End (exclusive) of the JSON array or object that starts at `start` in valid JSON text, or -1 when it
 * is longer than `maxLength`. Why by hand:
 * JSON.parse reports no source positions (Node 20), and this runs once per new tool set, on a miss.
 */
function valueEnd(text: string, start: number, maxLength: number): number {
  // A value longer than `maxLength` is not kept: stop there, so a set too large to keep is not scanned
  // whole on every request.
  const stop = Math.min(text.length, start + maxLength + 1);
  let depth = 0;
  for (let index = start; index < stop; index++) {
    const code = text.charCodeAt(index);
    if (code === 0x22) {
      // A string: skip to its closing quote, stepping over escapes.
      for (index++; index < stop; index++) {
        const inner = text.charCodeAt(index);
        if (inner === 0x5c) index++;
        else if (inner === 0x22) break;
      }
    } else if (code === 0x5b || code === 0x7b) depth++;
    else if (code === 0x5d || code === 0x7d) {
      depth--;
      if (depth === 0) return index + 1;
    }
  }
  return -1;
}

/**
 * Characters of the tools text a lookup hashes; the rest is compared only against candidates. Short,
 * so that it stays inside the array (any function tool is longer): were it to reach past the array, the
 * text after it — which changes between requests — would be part of the key.
 */
const PREFIX = 64;
/** Tool sets kept per prefix (sets that begin with the same tool). */
const PER_PREFIX = 8;
/**
 * Longest tools text kept (64 KB: ~150 strict tools of the bench's size). With the default 32 prefixes
 * the cache holds at most 32 × 8 = 256 sets of at most 64 KB of text each, whatever clients send; with
 * what the gateway derives from a set (the parsed tools, about 1.4× the text, and the upstream's text)
 * that is under 60 MB at worst. Larger sets are parsed and checked in full every time.
 */
const MAX_TEXT = 64 * 1024;

interface Entry<Value> {
  text: string;
  value: Value;
}

/**
 * Values that depend only on a request's `tools`, kept by the exact text of the top-level `tools` array
 * in the request body: the requests of one agent loop repeat the same tool set while the history grows,
 * and checking 50 tool schemas costs more than relaying the request. The key is cheap: a native
 * `indexOf` finds the array, a hash of its first 64 characters picks at most eight candidates, and one
 * comparison checks the rest (an array is self-delimiting, so a candidate that the body holds at that
 * point is the whole array). Storing proves the array is the top-level `tools` by searching only the
 * text around it (`isTopLevel`); `find` leaves that proof to its caller. Only a miss scans the array
 * once to store it.
 * Values must be treated as immutable by their users.
 */
export class ToolSetCache<Value> {
  private readonly buckets: LruCache<string, Entry<Value>[]>;

  constructor(maxPrefixes = 32) {
    this.buckets = new LruCache(maxPrefixes);
  }

  /**
   * The value kept for the tools of `bodyText` and where that array's text sits in it (`start`, `end`
   * exclusive), or undefined when no kept set is there. Nothing is created. `bodyText` need not be
   * valid JSON, and a hit proves only that the kept text sits where the first `"tools"` key's array
   * starts — not that this key is the top-level one. The caller proves that (the gateway parses the
   * text with a secret placeholder in the array's place and checks that the top-level `tools` is that
   * placeholder; `parseModelRequest`).
   */
  find(bodyText: string): { value: Value; start: number; end: number } | undefined {
    return this.lookup(bodyText)?.hit;
  }

  /**
   * The value kept for the tools of `bodyText`, creating it with `create` on a miss; undefined when the
   * body's tools cannot be located cheaply (then nothing is kept). `bodyText` must be valid JSON whose
   * top-level object has an own `tools` array; `isTopLevel` proves the array found is that one.
   */
  resolve(bodyText: string, create: () => Value): Value | undefined {
    const found = this.lookup(bodyText);
    if (found === undefined) return undefined;
    const { keyAt, start, prefix, bucket, hit } = found;
    if (hit !== undefined) return isTopLevel(bodyText, keyAt, hit.end) ? hit.value : undefined;
    const end = valueEnd(bodyText, start, MAX_TEXT);
    if (end === -1 || end - start > MAX_TEXT || !isTopLevel(bodyText, keyAt, end)) return undefined;
    // A copy, so the cache does not keep the whole request body alive through a sliced string.
    const text = Buffer.from(bodyText.slice(start, end), 'utf8').toString('utf8');
    const entry = { text, value: create() };
    const entries = bucket === undefined ? [entry] : [entry, ...bucket.slice(0, PER_PREFIX - 1)];
    this.buckets.set(prefix, entries);
    return entry.value;
  }

  /**
   * Where the first `"tools"` key's array starts, its bucket, and the kept set whose text sits there if
   * any; undefined when there is no such array.
   */
  private lookup(bodyText: string):
    | {
        keyAt: number;
        start: number;
        prefix: string;
        bucket: Entry<Value>[] | undefined;
        hit: { value: Value; start: number; end: number } | undefined;
      }
    | undefined {
    const keyAt = bodyText.indexOf(TOOLS_KEY);
    const start = arrayAfterKey(bodyText, keyAt);
    if (start === -1) return undefined;
    const prefix = bodyText.slice(start, start + PREFIX);
    const bucket = this.buckets.get(prefix);
    let hit: { value: Value; start: number; end: number } | undefined;
    for (const entry of bucket ?? []) {
      const end = start + entry.text.length;
      // slice + === compares in native code several times faster than startsWith (V8, Node 20).
      if (bodyText.slice(start, end) === entry.text) {
        hit = { value: entry.value, start, end };
        break;
      }
    }
    return { keyAt, start, prefix, bucket, hit };
  }
}
