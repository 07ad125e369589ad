/** Nesting depth of a parsed JSON value (a scalar is 0, `{}` is 1); stops counting past `limit`. */
export function jsonDepth(value: unknown, limit = Number.POSITIVE_INFINITY): number {
  if (typeof value !== 'object' || value === null) return 0;
  // Runs over every request body: no per-object arrays (Object.values), and scalars (depth 0, which
  // never raise the maximum) are skipped without a call. `for…in` sees exactly a parsed object's own
  // keys, `__proto__` included (JSON.parse makes it an own property).
  let deepest = 0;
  if (Array.isArray(value)) {
    for (let index = 0; index < value.length && deepest < limit; index++) {
      const child: unknown = value[index];
      if (typeof child === 'object' && child !== null)
        deepest = Math.max(deepest, jsonDepth(child, limit - 1));
    }
  } else {
    const record = value as Record<string, unknown>;
    for (const key in record) {
      if (deepest >= limit) break;
      const child = record[key];
      if (typeof child === 'object' && child !== null)
        deepest = Math.max(deepest, jsonDepth(child, limit - 1));
    }
  }
  return deepest + 1;
}
