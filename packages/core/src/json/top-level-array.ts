// Locating a top-level array in a request body's JSON text without parsing it, for the caches that
// keep what is the same between an agent's requests (tool-set-cache.ts, history-cache.ts;
// docs/adr/0011-tool-set-cache.md). Why by hand: JSON.parse reports no source positions (Node 20).

/** JSON whitespace: space, tab, line feed, carriage return. */
export function isJsonSpace(code: number): boolean {
  return code === 0x20 || code === 0x09 || code === 0x0a || code === 0x0d;
}

/**
 * Where the array after the quoted `key` found at `keyAt` starts, or -1 when `keyAt` is -1 or the key
 * is not followed by optional whitespace, `:`, optional whitespace and `[`.
 */
export function arrayAfterKey(text: string, key: string, keyAt: number): number {
  if (keyAt === -1) return -1;
  let index = keyAt + key.length;
  while (isJsonSpace(text.charCodeAt(index))) index++;
  if (text.charCodeAt(index) !== 0x3a) return -1; // ':'
  index++;
  while (isJsonSpace(text.charCodeAt(index))) index++;
  return text.charCodeAt(index) === 0x5b ? index : -1; // '['
}

/**
 * True when the value ending at `end`, after the first literal quoted `key` (at `keyAt`), is the
 * top-level member of that name in valid JSON text. Were the key nested, the top-level key would sit
 * outside the enclosing top-level value, so after `end` (nothing comes before the first occurrence),
 * spelled literally or with a `\u` escape. Before the key, only a `\u` escape could hide it. So: no
 * `key` after `end`, and no `\u` before the key or after `end`. Only the text outside the value is
 * searched.
 */
export function isTopLevel(text: string, key: string, keyAt: number, end: number): boolean {
  if (text.indexOf(key, end) !== -1 || text.indexOf('\\u', end) !== -1) return false;
  const backslash = text.indexOf('\\');
  return backslash === -1 || backslash >= keyAt || !text.slice(0, keyAt).includes('\\u');
}

/**
 * End (exclusive) of the JSON array or object that starts at `start` in valid JSON text, or -1 when it
 * is longer than `maxLength`. With `depth` 1, `start` is inside the array or object, between two of its
 * members, and the scan finds where that array or object closes.
 */
export function valueEnd(text: string, start: number, maxLength: number, depth = 0): number {
  // A value longer than `maxLength` is not kept: stop there, so a value too large to keep is not
  // scanned whole on every request.
  const stop = Math.min(text.length, start + maxLength + 1);
  let open = depth;
  for (let index = start; index < stop; index++) {
    const code = text.charCodeAt(index);
    if (code === 0x22) {
      // A string: skip to its closing quote, stepping over escapes.
      for (index++; index < stop; index++) {
        const inner = text.charCodeAt(index);
        if (inner === 0x5c) index++;
        else if (inner === 0x22) break;
      }
    } else if (code === 0x5b || code === 0x7b) open++;
    else if (code === 0x5d || code === 0x7d) {
      open--;
      if (open === 0) return index + 1;
    }
  }
  return -1;
}
