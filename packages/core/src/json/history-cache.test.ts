import { describe, expect, it } from 'vitest';
import { HistoryCache } from './history-cache.js';

const message = (content: string) => ({ role: 'user', content });
const body = (messages: unknown[], after = '') =>
  `{"model":"m","messages":${JSON.stringify(messages)}${after}}`;

describe('HistoryCache', () => {
  it('finds a kept history at the start of a longer one, and says whether anything follows', () => {
    const cache = new HistoryCache<string>('messages');
    const first = [message('a'), message('b')];
    const text = body(first);
    expect(cache.remember(text, () => 'turn 1')).toBe('turn 1');
    const same = cache.find(text);
    expect(same).toMatchObject({ value: 'turn 1', complete: true });
    const start = text.indexOf('[');
    expect(same?.start).toBe(start);
    expect(text.slice(same?.start, same?.keptEnd)).toBe(JSON.stringify(first).slice(0, -1));

    const longer = body([...first, message('c')]);
    expect(cache.find(longer)).toMatchObject({ value: 'turn 1', complete: false });
    // Whitespace between the kept elements and what follows is JSON's own.
    expect(cache.find(longer.replace('"b"},', '"b"} \n,'))).toMatchObject({ complete: false });
  });

  it('does not take a kept history for the start of an element that merely begins the same way', () => {
    const cache = new HistoryCache<string>('messages');
    cache.remember('{"messages":[{"role":"user","content":"a"},"x"]}', () => 'kept');
    // The kept text is `[{…},"x` — here followed by `y"`, so it ends inside a string.
    expect(cache.find('{"messages":[{"role":"user","content":"a"},"xy"]}')).toBeUndefined();
    expect(cache.find('{"messages":[{"role":"user","content":"a"},"x",1]}')).toMatchObject({ value: 'kept' });
  });

  it('prefers the longest kept history and replaces the one a longer history extends', () => {
    const cache = new HistoryCache<string>('messages');
    const one = [message('a')];
    const two = [message('a'), message('b')];
    cache.remember(body(one), () => 'one');
    const third = body([...two, message('c')]);
    const hit = cache.find(body(two));
    expect(hit?.value).toBe('one');
    cache.extend(body(two), hit as NonNullable<typeof hit>, 'two');
    expect(cache.find(third)?.value).toBe('two');
    // The shorter history was replaced: only the longer one's text is counted.
    expect(cache.size).toBe(JSON.stringify(two).length - 1);
    expect(cache.find(body(one))).toBeUndefined();
  });

  it('keeps nothing it cannot prove to be the top-level array, or that is too long', () => {
    const cache = new HistoryCache<string>('messages', { maxText: 100 });
    expect(cache.remember('{"x":{"messages":[1]},"messages":[2]}', () => 'nested')).toBeUndefined();
    expect(cache.remember('{"messages":[]}', () => 'empty')).toBe('empty');
    expect(cache.find('{"messages":[]}')).toBeUndefined();
    expect(cache.remember(body([message('x'.repeat(200))]), () => 'long')).toBeUndefined();
    expect(cache.size).toBe(0);
  });

  it('stays within its character budget, least recently used first', () => {
    const conversation = (n: number) => [message(`conversation ${n} `.repeat(10))];
    const length = JSON.stringify(conversation(0)).length - 1;
    const cache = new HistoryCache<number>('messages', { maxChars: length * 3 });
    for (let n = 0; n < 3; n++) cache.remember(body(conversation(n)), () => n);
    expect(cache.find(body(conversation(0)))?.value).toBe(0); // 0 is now the most recently used
    cache.remember(body(conversation(3)), () => 3);
    expect(cache.size).toBeLessThanOrEqual(length * 3);
    expect(cache.find(body(conversation(1)))).toBeUndefined();
    expect([0, 2, 3].map((n) => cache.find(body(conversation(n)))?.value)).toEqual([0, 2, 3]);
  });

  it('keeps at most `perBucket` histories that begin with the same element', () => {
    const cache = new HistoryCache<number>('messages', { perBucket: 2 });
    const system = { role: 'system', content: 'the same agent' };
    for (let n = 0; n < 3; n++) cache.remember(body([system, message(`user ${n}`)]), () => n);
    expect(cache.find(body([system, message('user 0')]))).toBeUndefined();
    expect(cache.find(body([system, message('user 2')]))?.value).toBe(2);
    expect(cache.find(body([system, message('user 1')]))?.value).toBe(1);
  });
});
