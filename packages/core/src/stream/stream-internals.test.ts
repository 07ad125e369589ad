import { describe, expect, it } from 'vitest';
import { ArgumentScanner } from './argument-scanner.js';
import { ItemSequencer } from './item-sequencer.js';

function scan(...fragments: string[]): ArgumentScanner {
  const scanner = new ArgumentScanner();
  for (const fragment of fragments) scanner.push(fragment);
  return scanner;
}

describe('ArgumentScanner', () => {
  it('measures depth outside strings only', () => {
    expect(scan('{"a":[{"b":', '"[[[{{{"}]}').maxDepth).toBe(3);
    expect(scan('"{{{{"').maxDepth).toBe(0);
  });

  it('sees a top-level value close, across fragments and escapes', () => {
    expect(scan('{"a":"}\\"', '"}').complete).toBe(true);
    expect(scan('{"a":"}\\"', '"').complete).toBe(false);
    expect(scan('"ab\\\\"', '  ').complete).toBe(true);
    expect(scan('[1,2]', 'x').complete).toBe(false);
    expect(scan('12').complete).toBe(false);
  });
});

describe('ItemSequencer', () => {
  it('passes the live item through and releases held items in order when it ends', () => {
    const sequencer = new ItemSequencer<number>();
    expect(sequencer.open(0, { type: 'text-start' })).toEqual([{ type: 'text-start' }]);
    expect(sequencer.open(1, { type: 'tool-call-start', callId: 'c', name: 'f' })).toEqual([]);
    expect(sequencer.push(1, { type: 'tool-call-delta', delta: '{"a"' })).toEqual([]);
    expect(sequencer.push(1, { type: 'tool-call-delta', delta: ':1}' })).toEqual([]);
    expect(sequencer.push(0, { type: 'text-delta', delta: 'hi' })).toEqual([
      { type: 'text-delta', delta: 'hi' },
    ]);
    expect(sequencer.end(0, { type: 'text-end' })).toEqual([
      { type: 'text-end' },
      { type: 'tool-call-start', callId: 'c', name: 'f' },
      { type: 'tool-call-delta', delta: '{"a":1}' },
    ]);
    expect(sequencer.live).toBe(1);
    expect(() => sequencer.push(0, { type: 'text-delta', delta: 'late' })).toThrow('not open');
  });

  it('releases an item that already ended while held, and the next one after it', () => {
    const sequencer = new ItemSequencer<string>();
    sequencer.open('a', { type: 'text-start' });
    sequencer.open('b', { type: 'text-start' });
    sequencer.end('b', { type: 'text-end' });
    sequencer.open('c', { type: 'text-start' });
    expect(sequencer.openKeys).toEqual(['a', 'c']);
    expect(sequencer.end('a', { type: 'text-end' })).toEqual([
      { type: 'text-end' },
      { type: 'text-start' },
      { type: 'text-end' },
      { type: 'text-start' },
    ]);
    expect(sequencer.live).toBe('c');
  });
});
