import { describe, expect, test } from 'vitest';
import { GroupCommitQueue } from './group-commit-queue.js';

describe('GroupCommitQueue', () => {
  test('entries of one event-loop turn go to one commit; later ones to the next', async () => {
    const batches: string[][] = [];
    const queue = new GroupCommitQueue<string>((entries) => {
      batches.push([...entries]);
      return entries.map(() => undefined);
    });
    const first = ['a', 'b', 'c'].map((entry) => queue.enqueue(entry));
    expect(batches).toEqual([]);
    await Promise.all(first);
    await queue.enqueue('d');
    expect(batches).toEqual([['a', 'b', 'c'], ['d']]);
  });

  test('a promise settles only after its commit ran, with its own outcome', async () => {
    let committed = false;
    const queue = new GroupCommitQueue<string>((entries) => {
      committed = true;
      return entries.map((entry) => (entry === 'bad' ? new Error(`rejected ${entry}`) : undefined));
    });
    const results = await Promise.allSettled([
      queue.enqueue('ok').then(() => committed),
      queue.enqueue('bad'),
      queue.enqueue('ok2').then(() => committed),
    ]);
    expect(results).toEqual([
      { status: 'fulfilled', value: true },
      { status: 'rejected', reason: new Error('rejected bad') },
      { status: 'fulfilled', value: true },
    ]);
  });

  test('each entry resolves with its own result from the batch', async () => {
    const queue = new GroupCommitQueue<number, { doubled: number }>((entries) =>
      entries.map((entry) => (entry < 0 ? new Error(`negative ${entry}`) : { doubled: entry * 2 })),
    );
    const results = await Promise.allSettled([queue.enqueue(1), queue.enqueue(-1), queue.enqueue(5)]);
    expect(results).toEqual([
      { status: 'fulfilled', value: { doubled: 2 } },
      { status: 'rejected', reason: new Error('negative -1') },
      { status: 'fulfilled', value: { doubled: 10 } },
    ]);
  });

  test('a commit that throws rejects the whole batch; a missing outcome is an error, not a success', async () => {
    const failing = new GroupCommitQueue<string>(() => {
      throw new Error('disk full');
    });
    const results = await Promise.allSettled([failing.enqueue('a'), failing.enqueue('b')]);
    expect(results.map((result) => result.status)).toEqual(['rejected', 'rejected']);
    const short = new GroupCommitQueue<string>(() => [undefined]);
    const partial = await Promise.allSettled([short.enqueue('a'), short.enqueue('b')]);
    expect(partial.map((result) => result.status)).toEqual(['fulfilled', 'rejected']);
  });

  test('flush commits synchronously what is queued, and the scheduled flush then finds nothing', async () => {
    const batches: string[][] = [];
    const queue = new GroupCommitQueue<string>((entries) => {
      batches.push([...entries]);
      return entries.map(() => undefined);
    });
    const pending = queue.enqueue('x');
    queue.flush();
    expect(batches).toEqual([['x']]);
    await pending;
    await new Promise((resolve) => setImmediate(resolve));
    expect(batches).toEqual([['x']]);
  });
});
