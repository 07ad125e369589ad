import { describe, expect, it } from 'vitest';
import { freezeShared, isShared, memoByShared } from './frozen.js';

describe('freezeShared', () => {
  it('freezes the value and everything in it, and marks every part shared', () => {
    const value = freezeShared({ list: [{ name: 'a', schema: { type: 'object' } }] });
    expect(isShared(value)).toBe(true);
    expect(isShared(value.list)).toBe(true);
    expect(isShared(value.list[0]?.schema)).toBe(true);
    expect(() => {
      (value.list[0] as { name: string }).name = 'b';
    }).toThrow(TypeError);
    expect(() => {
      value.list.push({ name: 'c', schema: { type: 'object' } });
    }).toThrow(TypeError);
    expect(isShared({})).toBe(false);
    expect(isShared('text')).toBe(false);
  });
});

describe('memoByShared', () => {
  it('computes once per shared array and shares the result', () => {
    let calls = 0;
    const double = memoByShared((list: readonly number[]) => {
      calls++;
      return list.map((item) => item * 2);
    });
    const shared = freezeShared([1, 2, 3]);
    const first = double(shared);
    expect(first).toEqual([2, 4, 6]);
    expect(double(shared)).toBe(first);
    expect(calls).toBe(1);
    expect(isShared(first)).toBe(true);
    expect(double(freezeShared([1, 2, 3]))).not.toBe(first);
    expect(calls).toBe(2);
  });

  it('computes every time for arrays that are not shared, shallowly frozen ones included', () => {
    let calls = 0;
    const count = memoByShared((list: readonly { n: number }[]) => {
      calls++;
      return list.length;
    });
    const plain = [{ n: 1 }];
    count(plain);
    count(plain);
    // Frozen by someone else: its items may still change, so nothing is remembered.
    const frozen = Object.freeze([{ n: 1 }]);
    count(frozen);
    count(frozen);
    expect(calls).toBe(4);
  });
});
