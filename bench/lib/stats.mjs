// Small order statistics for latency samples.

/** The q-quantile (0..1) of numbers, linear interpolation; null for an empty list. */
export function quantile(values, q) {
  const sorted = values.filter((value) => typeof value === 'number').sort((a, b) => a - b);
  if (sorted.length === 0) return null;
  const position = (sorted.length - 1) * q;
  const lower = Math.floor(position);
  const upper = Math.ceil(position);
  return sorted[lower] + (sorted[upper] - sorted[lower]) * (position - lower);
}

export const median = (values) => quantile(values, 0.5);

/** Mean microseconds per call of `call(index)` (awaited), over `count` calls in a row. */
export async function microsecondsPerCall(call, count) {
  const start = process.hrtime.bigint();
  for (let index = 0; index < count; index++) await call(index);
  return Number(process.hrtime.bigint() - start) / 1000 / count;
}
