/** Reads the first value of an async iterable and returns it with an iterable of the whole sequence. */
export async function peekStream<T>(
  source: AsyncIterable<T>,
): Promise<{ first: T | undefined; all: AsyncIterable<T> }> {
  const iterator = source[Symbol.asyncIterator]();
  const head = await iterator.next();
  async function* all(): AsyncIterable<T> {
    if (head.done) return;
    yield head.value;
    try {
      for (;;) {
        const next = await iterator.next();
        if (next.done) return;
        yield next.value;
      }
    } finally {
      await iterator.return?.();
    }
  }
  return { first: head.done ? undefined : head.value, all: all() };
}
