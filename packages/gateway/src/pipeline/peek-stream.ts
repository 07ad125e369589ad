/**
 * Reads the first value of an async iterable and returns it with an iterable of the whole sequence.
 *
 * The iterable is a plain iterator object, not an `async function*` closing over the first value:
 * under load that generator form kept every turn's decoded chunks alive across young-generation
 * collections (they were promoted and only freed by full collections: 3 MB promoted per scavenge
 * and 5–12 ms pauses in bench S2/S3, ADR 0007). Iteration is single-use, like a generator's.
 */
export async function peekStream<T>(
  source: AsyncIterable<T>,
): Promise<{ first: T | undefined; all: AsyncIterable<T> }> {
  const iterator = source[Symbol.asyncIterator]();
  const head = await iterator.next();
  let pending: IteratorResult<T> | undefined = head.done ? undefined : head;
  const all: AsyncIterableIterator<T> = {
    [Symbol.asyncIterator]() {
      return all;
    },
    next() {
      if (pending === undefined) return iterator.next();
      const value = pending;
      pending = undefined;
      return Promise.resolve(value);
    },
    async return(value?: unknown) {
      pending = undefined;
      await iterator.return?.(value);
      return { done: true, value: undefined };
    },
  };
  return { first: head.done ? undefined : head.value, all };
}
