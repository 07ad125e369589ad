/**
 * Maps a free-form name (a model a client asked for, a provider) to a metric label value from a fixed
 * set, so a client cannot grow the metrics without bound by inventing model names: anything not
 * configured is `other` (docs/observability.md#labels).
 */
export function boundedLabel(
  known: ReadonlySet<string>,
  fallback = 'other',
): (value: string | undefined) => string {
  return (value) =>
    value !== undefined && known.has(value) ? value : value === undefined ? 'none' : fallback;
}
