import { describe, expect, it } from 'vitest';
import { buildArguments, entitySlots } from './build-arguments.js';

const context = { entity: '北京', entities: ['北京'], message: '北京天气怎么样? in fahrenheit' };

function build(schema: unknown, overrides: Partial<typeof context> = {}): unknown {
  // Round-trip through JSON: that is what the wire carries.
  return JSON.parse(JSON.stringify(buildArguments(schema, { ...context, ...overrides })));
}

describe('buildArguments', () => {
  it('fills the guide strict schema: entity string, mentioned enum, nullable null', () => {
    const schema = {
      type: 'object',
      properties: {
        city: { type: 'string' },
        unit: { type: 'string', enum: ['celsius', 'fahrenheit'] },
        date: { type: ['string', 'null'] },
      },
      required: ['city', 'unit', 'date'],
      additionalProperties: false,
    };
    expect(build(schema)).toEqual({ city: '北京', unit: 'fahrenheit', date: null });
    expect(build(schema, { message: '北京' })).toEqual({ city: '北京', unit: 'celsius', date: null });
  });

  it('matches CJK enum values as substrings', () => {
    const schema = { type: 'object', properties: { unit: { enum: ['摄氏', '华氏'] } } };
    expect(build(schema, { message: '北京的华氏温度' })).toEqual({ unit: '华氏' });
  });

  it('respects numeric bounds, multiples and integer-ness', () => {
    const schema = {
      type: 'object',
      properties: {
        plain: { type: 'integer' },
        atLeast: { type: 'integer', minimum: 5 },
        above: { type: 'integer', exclusiveMinimum: 2.5 },
        under: { type: 'number', maximum: 0.5 },
        below: { type: 'integer', exclusiveMaximum: 1 },
        step: { type: 'integer', minimum: 7, multipleOf: 5 },
      },
    };
    expect(build(schema)).toEqual({ plain: 1, atLeast: 5, above: 3, under: 0.5, below: 0, step: 10 });
  });

  it('builds nested objects, arrays, formats, consts, booleans and string lengths', () => {
    const schema = {
      type: 'object',
      properties: {
        when: { type: 'string', format: 'date' },
        kind: { const: 'forecast' },
        verbose: { type: 'boolean' },
        short: { type: 'string', maxLength: 1 },
        long: { type: 'string', minLength: 5 },
        place: {
          type: 'object',
          properties: { name: { type: 'string' }, tags: { type: 'array', items: { type: 'string' } } },
        },
        none: { type: 'array', items: { type: 'integer' }, maxItems: 0 },
      },
    };
    expect(build(schema)).toEqual({
      when: '2026-01-01',
      kind: 'forecast',
      verbose: false,
      short: '北',
      long: '北京xxx',
      place: { name: '北京', tags: ['北京'] },
      none: [],
    });
  });

  it('puts every entity into an array of strings', () => {
    const schema = { type: 'object', properties: { cities: { type: 'array', items: { type: 'string' } } } };
    expect(build(schema, { entities: ['Paris', 'Oslo'] })).toEqual({ cities: ['Paris', 'Oslo'] });
  });

  it('resolves $defs and definitions refs and stops recursive refs', () => {
    const schema = {
      type: 'object',
      properties: { node: { $ref: '#/$defs/node' }, legacy: { $ref: '#/definitions/unit' } },
      $defs: {
        node: {
          type: 'object',
          properties: {
            label: { type: 'string' },
            children: { type: 'array', items: { $ref: '#/$defs/node' } },
          },
        },
      },
      definitions: { unit: { enum: ['c', 'f'] } },
    };
    const value = build(schema) as { node: { label: string; children: unknown[] }; legacy: string };
    expect(value.node.label).toBe('北京');
    expect(Array.isArray(value.node.children)).toBe(true);
    expect(value.legacy).toBe('c');
    expect(JSON.stringify(value).length).toBeLessThan(2000);
  });

  it('picks null from a nullable anyOf and merges allOf', () => {
    const schema = {
      type: 'object',
      properties: {
        maybe: { anyOf: [{ type: 'string' }, { type: 'null' }] },
        either: { anyOf: [{ type: 'integer' }, { type: 'string' }] },
        both: {
          allOf: [{ properties: { a: { type: 'string' } } }, { properties: { b: { type: 'boolean' } } }],
        },
      },
    };
    expect(build(schema)).toEqual({ maybe: null, either: 1, both: { a: '北京', b: false } });
  });

  it('keeps a property named __proto__ as an own key', () => {
    const schema = JSON.parse('{"type":"object","properties":{"__proto__":{"type":"string"}}}');
    expect(JSON.stringify(buildArguments(schema, context))).toBe('{"__proto__":"北京"}');
  });

  it('returns an empty object for missing parameters', () => {
    expect(build(undefined)).toEqual({});
  });
});

describe('entitySlots', () => {
  it('tells single-entity tools from list tools', () => {
    expect(entitySlots({ properties: { city: { type: 'string' } } })).toEqual({ single: true, list: false });
    expect(entitySlots({ properties: { cities: { type: 'array', items: { type: 'string' } } } })).toEqual({
      single: false,
      list: true,
    });
    expect(entitySlots({ properties: { unit: { type: 'string', enum: ['c'] } } })).toEqual({
      single: false,
      list: false,
    });
  });
});
