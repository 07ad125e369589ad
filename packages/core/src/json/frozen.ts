/** Values frozen whole by `freezeShared`: only these are remembered by identity. */
const shared = new WeakSet<object>();

/** Freezes a value and everything in it, marking each object shared (a shared object's are already). */
function deepFreeze(value: unknown): void {
  if (typeof value !== 'object' || value === null || shared.has(value)) return;
  Object.freeze(value);
  shared.add(value);
  if (Array.isArray(value)) for (const child of value) deepFreeze(child);
  else for (const key in value) deepFreeze((value as Record<string, unknown>)[key]);
}

/**
 * Freezes a parsed JSON value and everything in it, marks it shared and returns it. A shared value may
 * be used by every request of a tool set (docs/adr/0011-tool-set-cache.md): code that tries to change
 * it throws (ES modules run in strict mode) instead of corrupting the next request.
 */
export function freezeShared<T>(value: T): T {
  deepFreeze(value);
  return value;
}

/**
 * `fn`, remembered by the identity of its argument when that argument is a shared array (a tool set
 * kept by the tool-set cache): what is derived from it — canonical tools, resolved strictness, the
 * upstream's tools — is then computed once per set instead of once per request. Results are shared
 * in turn, so they can key the next step. Any other argument (a shallow `Object.freeze` included) is
 * passed straight to `fn`. A WeakMap, so a set the cache forgets takes its derived values with it.
 */
export function memoByShared<Key extends readonly unknown[], Value>(
  fn: (key: Key) => Value,
): (key: Key) => Value {
  const memo = new WeakMap<Key, Value>();
  return (key) => {
    if (!shared.has(key)) return fn(key);
    let value = memo.get(key);
    if (value === undefined) {
      value = freezeShared(fn(key));
      memo.set(key, value);
    }
    return value;
  };
}

/** True when `value` was frozen whole by `freezeShared` (or derived by `memoByShared`). */
export function isShared(value: unknown): boolean {
  return typeof value === 'object' && value !== null && shared.has(value);
}
