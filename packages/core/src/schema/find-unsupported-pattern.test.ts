import { describe, expect, it } from 'vitest';
import { findUnsupportedPattern } from './find-unsupported-pattern.js';

describe('findUnsupportedPattern', () => {
  it('finds a lookahead pattern nested in properties, items, anyOf and $defs, with its pointer', () => {
    const schema = {
      type: 'object',
      properties: {
        ok: { type: 'string', pattern: '^[a-z]+$' },
        list: { type: 'array', items: { anyOf: [{ type: 'string' }, { $ref: '#/$defs/code' }] } },
      },
      $defs: { code: { type: 'string', pattern: '^(?!x)\\w+$' } },
    };
    expect(findUnsupportedPattern(schema)).toMatchObject({
      pointer: '/$defs/code/pattern',
      pattern: '^(?!x)\\w+$',
    });
    const inItems = { type: 'array', items: { anyOf: [{ type: 'string', pattern: '(a)\\1' }] } };
    expect(findUnsupportedPattern(inItems)?.pointer).toBe('/items/anyOf/0/pattern');
  });

  it('checks patternProperties keys and escapes pointer segments', () => {
    const schema = { type: 'object', properties: { 'a/b': { patternProperties: { '(?<=x)': {} } } } };
    expect(findUnsupportedPattern(schema)?.pointer).toBe('/properties/a~1b/patternProperties/(?<=x)');
  });

  it('accepts RE2-compatible patterns and ignores data that merely looks like a schema', () => {
    expect(findUnsupportedPattern({ type: 'string', pattern: '^\\d{3}-\\d{4}$' })).toBeUndefined();
    expect(
      findUnsupportedPattern({ enum: [{ pattern: '(?=x)' }], const: { pattern: '(?=y)' } }),
    ).toBeUndefined();
    expect(findUnsupportedPattern({ properties: { pattern: { type: 'string' } } })).toBeUndefined();
  });
});
