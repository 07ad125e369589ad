import { describe, expect, it } from 'vitest';
import { jsonDepth } from './json-depth.js';

describe('jsonDepth', () => {
  it('counts nesting of objects and arrays; scalars are 0', () => {
    expect(jsonDepth(3)).toBe(0);
    expect(jsonDepth(null)).toBe(0);
    expect(jsonDepth('x')).toBe(0);
    expect(jsonDepth({})).toBe(1);
    expect(jsonDepth([])).toBe(1);
    expect(jsonDepth({ a: 1, b: [1, 2, { c: [] }] })).toBe(4);
    expect(jsonDepth([1, [2, [3, [4]]], 'x'])).toBe(4);
  });

  it('takes the deepest branch wherever it is', () => {
    expect(jsonDepth({ a: { b: {} }, c: 1, d: { e: { f: { g: {} } } } })).toBe(5);
    expect(jsonDepth([[], [[[]]], []])).toBe(4);
  });

  it('sees a parsed `__proto__` key as the own property it is', () => {
    expect(jsonDepth(JSON.parse('{"__proto__":{"a":{"b":{}}}}'))).toBe(4);
    expect(jsonDepth(JSON.parse('[{"__proto__":[[]]}]'))).toBe(4);
  });

  it('stops counting past the limit, still reporting more than it', () => {
    let deep: unknown = {};
    for (let level = 0; level < 10_000; level++) deep = [deep];
    expect(jsonDepth(deep, 64)).toBe(65);
    expect(jsonDepth({ a: [[[]]] }, 2)).toBeGreaterThan(2);
    expect(jsonDepth({ a: [[[]]] }, 4)).toBe(4);
  });
});
