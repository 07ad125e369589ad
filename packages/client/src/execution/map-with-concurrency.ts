/** Options of {@link mapWithConcurrency}. */
export interface MapWithConcurrencyOptions<T, R> {
  items: readonly T[];
  /** At most this many `map` calls run at once (at least 1). */
  limit: number;
  map: (item: T, index: number) => Promise<R>;
}

/**
 * Maps `items` with at most `limit` promises in flight; results keep the order of `items`, whatever
 * order the work finishes in. `allSettled` semantics: every started item settles before this returns,
 * and the first rejection (if any) is rethrown only then.
 */
export async function mapWithConcurrency<T, R>({
  items,
  limit,
  map,
}: MapWithConcurrencyOptions<T, R>): Promise<R[]> {
  const results = new Array<PromiseSettledResult<R>>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      try {
        results[index] = { status: 'fulfilled', value: await map(items[index] as T, index) };
      } catch (reason) {
        results[index] = { status: 'rejected', reason };
      }
    }
  };
  const workers = Math.max(1, Math.min(Math.floor(limit), items.length));
  await Promise.all(Array.from({ length: workers }, worker));
  return results.map((result) => {
    if (result.status === 'rejected') throw result.reason;
    return result.value;
  });
}
