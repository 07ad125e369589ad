/** Nesting depth of a parsed JSON value (a scalar is 0, `{}` is 1); stops counting past `limit`. */
export function jsonDepth(value: unknown, limit = Number.POSITIVE_INFINITY): number {
  if (typeof value !== 'object' || value === null) return 0;
  let deepest = 0;
  const children = Array.isArray(value) ? value : Object.values(value);
  for (const child of children) {
    if (deepest >= limit) break;
    const depth = jsonDepth(child, limit - 1);
    if (depth > deepest) deepest = depth;
  }
  return deepest + 1;
}
