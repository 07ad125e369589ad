import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { withFields } from './with-fields.js';

describe('withFields', () => {
  test('gives what a spread gives: values, later fields winning, key order', () => {
    const base = { b: 1, a: 2, 10: 'ten', 2: 'two', c: undefined };
    const result = withFields(base, { a: 3, d: 4 });
    const spread = { ...base, ...{ a: 3, d: 4 } };
    expect(result).toEqual(spread);
    expect(Object.keys(result)).toEqual(Object.keys(spread));
    expect(JSON.stringify(result)).toBe(JSON.stringify(spread));
  });

  test('matches the spread for any JSON objects', () => {
    fc.assert(
      fc.property(
        fc.dictionary(fc.string(), fc.jsonValue()),
        fc.dictionary(fc.string(), fc.jsonValue()),
        (a, b) => {
          const result = withFields(a, b);
          const spread = { ...a, ...b };
          expect(Object.keys(result)).toEqual(Object.keys(spread));
          expect(JSON.stringify(result)).toBe(JSON.stringify(spread));
        },
      ),
    );
  });

  test('copies own properties only and leaves the inputs alone', () => {
    const proto = { inherited: true };
    const base = Object.assign(Object.create(proto) as Record<string, unknown>, { own: 1 });
    const fields = { added: 2 };
    const result = withFields(base, fields);
    expect(result).toEqual({ own: 1, added: 2 });
    expect('inherited' in result).toBe(false);
    expect(base).toEqual({ own: 1 });
    expect(fields).toEqual({ added: 2 });
  });

  test('a "__proto__" key from JSON is a property, never the prototype', () => {
    const hostile = JSON.parse('{"__proto__": {"polluted": true}, "type": "message"}') as object;
    const result = withFields(hostile, { id: 'msg_1' }) as Record<string, unknown>;
    expect(Object.getPrototypeOf(result)).toBe(Object.prototype);
    expect((result as { polluted?: unknown }).polluted).toBeUndefined();
    expect(Object.hasOwn(result, '__proto__')).toBe(true);
    expect(JSON.stringify(result)).toBe('{"__proto__":{"polluted":true},"type":"message","id":"msg_1"}');
    expect(JSON.stringify(result)).toBe(JSON.stringify({ ...hostile, id: 'msg_1' }));
  });
});
