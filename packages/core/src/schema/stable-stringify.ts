/**
 * JSON text with object keys sorted, so two schemas that differ only in key order serialize the
 * same. Used as a cache key and to compare constants; the input is parsed JSON, so no cycles.
 */
export function stableStringify(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) {
    let out = '[';
    for (let index = 0; index < value.length; index += 1) {
      if (index > 0) out += ',';
      out += stableStringify(value[index]);
    }
    return `${out}]`;
  }
  const record = value as Record<string, unknown>;
  let out = '{';
  let first = true;
  for (const key of Object.keys(record).sort()) {
    const entry = record[key];
    // Like JSON.stringify: keys whose value has no JSON form are left out.
    if (entry === undefined || typeof entry === 'function' || typeof entry === 'symbol') continue;
    out += `${first ? '' : ','}${JSON.stringify(key)}:${stableStringify(entry)}`;
    first = false;
  }
  return `${out}}`;
}
