import { describe, expect, it } from 'vitest';
import { peekStream } from './peek-stream.js';

async function collect<T>(values: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const value of values) out.push(value);
  return out;
}

describe('peekStream', () => {
  it('returns the first value and an iterable that still yields every value, in order', async () => {
    async function* source() {
      yield 'a';
      yield 'b';
      yield 'c';
    }
    const { first, all } = await peekStream(source());
    expect(first).toBe('a');
    expect(await collect(all)).toEqual(['a', 'b', 'c']);
  });

  it('reads nothing past the first value until iterated', async () => {
    const pulled: string[] = [];
    async function* source() {
      for (const value of ['a', 'b']) {
        pulled.push(value);
        yield value;
      }
    }
    const { all } = await peekStream(source());
    expect(pulled).toEqual(['a']);
    await collect(all);
    expect(pulled).toEqual(['a', 'b']);
  });

  it('gives undefined and an empty iterable for an empty source', async () => {
    async function* source(): AsyncGenerator<string> {}
    const { first, all } = await peekStream(source());
    expect(first).toBeUndefined();
    expect(await collect(all)).toEqual([]);
  });

  it('closes the source when the consumer stops early (its finally blocks run)', async () => {
    let closed = false;
    async function* source() {
      try {
        yield 1;
        yield 2;
        yield 3;
      } finally {
        closed = true;
      }
    }
    const { all } = await peekStream(source());
    for await (const value of all) {
      if (value === 2) break;
    }
    expect(closed).toBe(true);
  });

  it('closes the source when the consumer stops right after the first value', async () => {
    let closed = false;
    async function* source() {
      try {
        yield 1;
        yield 2;
      } finally {
        closed = true;
      }
    }
    const { all } = await peekStream(source());
    for await (const _ of all) break;
    expect(closed).toBe(true);
  });

  it('passes a failure of the source to the consumer', async () => {
    async function* source() {
      yield 1;
      throw new Error('upstream broke');
    }
    const { all } = await peekStream(source());
    await expect(collect(all)).rejects.toThrow('upstream broke');
  });
});
