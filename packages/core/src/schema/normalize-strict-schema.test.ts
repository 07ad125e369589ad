import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { checkStrictSchema } from './check-strict-schema.js';
import { normalizeStrictSchema } from './normalize-strict-schema.js';

function strictObject(properties: Record<string, unknown>): Record<string, unknown> {
  return { type: 'object', properties, required: Object.keys(properties), additionalProperties: false };
}

/** Freezes a value deeply, so any mutation by the code under test throws. */
function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}

function normalizeOk(schema: unknown) {
  const result = normalizeStrictSchema(deepFreeze(schema));
  if (!result.ok) throw new Error(`refused: ${JSON.stringify(result.issues)}`);
  expect(checkStrictSchema(result.schema)).toEqual([]);
  return result;
}

function refusals(schema: unknown): Array<[string, string]> {
  const result = normalizeStrictSchema(deepFreeze(schema));
  if (result.ok) throw new Error(`normalized: ${JSON.stringify(result.schema)}`);
  return result.issues.map((issue) => [issue.pointer, issue.code]);
}

describe('normalizeStrictSchema: common inputs', () => {
  it("makes the guide's invalid example strict", () => {
    const result = normalizeOk({
      type: 'object',
      properties: { city: { type: 'string' }, date: { type: 'string' } },
      required: ['city'],
    });
    expect(result.schema).toEqual({
      type: 'object',
      properties: { city: { type: 'string' }, date: { type: ['string', 'null'] } },
      required: ['city', 'date'],
      additionalProperties: false,
    });
    expect(result.changes).toEqual([
      { pointer: '', description: "added 'additionalProperties': false" },
      {
        pointer: '/properties/date',
        description: `optional property 'date' is now required and nullable: type "string" became ["string","null"]`,
      },
    ]);
  });

  it('rewrites pydantic output (title, $defs, anyOf with null, default null, $ref with default)', () => {
    const pydantic = {
      $defs: {
        Unit: { enum: ['celsius', 'fahrenheit'], title: 'Unit', type: 'string' },
        Location: {
          properties: {
            city: { title: 'City', type: 'string' },
            country: { anyOf: [{ type: 'string' }, { type: 'null' }], default: null, title: 'Country' },
          },
          required: ['city'],
          title: 'Location',
          type: 'object',
        },
      },
      properties: {
        location: { $ref: '#/$defs/Location' },
        unit: { $ref: '#/$defs/Unit', default: 'celsius' },
        days: { anyOf: [{ type: 'integer' }, { type: 'null' }], default: null, title: 'Days' },
      },
      required: ['location'],
      title: 'GetWeather',
      type: 'object',
    };
    const result = normalizeOk(pydantic);
    expect(result.schema).toEqual({
      $defs: {
        Unit: { enum: ['celsius', 'fahrenheit'], title: 'Unit', type: 'string' },
        Location: {
          properties: {
            city: { title: 'City', type: 'string' },
            country: { anyOf: [{ type: 'string' }, { type: 'null' }], title: 'Country' },
          },
          required: ['city', 'country'],
          title: 'Location',
          type: 'object',
          additionalProperties: false,
        },
      },
      properties: {
        location: { $ref: '#/$defs/Location' },
        unit: { anyOf: [{ $ref: '#/$defs/Unit' }, { type: 'null' }] },
        days: { anyOf: [{ type: 'integer' }, { type: 'null' }], title: 'Days' },
      },
      required: ['location', 'unit', 'days'],
      title: 'GetWeather',
      type: 'object',
      additionalProperties: false,
    });
    expect(result.changes.map((change) => change.pointer)).toEqual([
      '',
      '/properties/unit',
      '/properties/unit',
      '/properties/days',
      '/properties/days',
      '/$defs/Location',
      '/$defs/Location/properties/country',
      '/$defs/Location/properties/country',
    ]);
  });

  it('rewrites zod v4 z.toJSONSchema output with .optional() fields', () => {
    const schema = z.object({
      city: z.string(),
      unit: z.enum(['celsius', 'fahrenheit']).optional(),
      days: z.number().int().optional(),
      when: z.iso.date().nullable().optional(),
      tags: z.array(z.string()).optional(),
      options: z.object({ verbose: z.boolean().default(false) }).optional(),
    });
    const result = normalizeOk(z.toJSONSchema(schema, { io: 'input' }));
    const properties = result.schema['properties'] as Record<string, Record<string, unknown>>;
    expect(result.schema['required']).toEqual(['city', 'unit', 'days', 'when', 'tags', 'options']);
    expect(properties['city']).toEqual({ type: 'string' });
    expect(properties['unit']).toEqual({ type: ['string', 'null'], enum: ['celsius', 'fahrenheit', null] });
    expect(properties['days']?.['type']).toEqual(['integer', 'null']);
    expect(properties['when']?.['anyOf']).toHaveLength(2); // already nullable: unchanged
    expect(properties['tags']).toEqual({ type: ['array', 'null'], items: { type: 'string' } });
    expect(properties['options']).toEqual({
      type: ['object', 'null'],
      properties: { verbose: { type: ['boolean', 'null'] } },
      additionalProperties: false,
      required: ['verbose'],
    });
  });

  it('keeps zod v4 recursion through "$ref": "#" and $defs', () => {
    const category = z.object({
      name: z.string(),
      note: z.string().optional(),
      get children() {
        return z.array(category);
      },
    });
    const result = normalizeOk(z.toJSONSchema(z.object({ a: category, b: category.optional() })));
    expect(JSON.stringify(result.schema)).toContain('"$ref":"#/$defs/__schema0"');
    expect(result.schema['required']).toEqual(['a', 'b']);
  });

  it('inlines a zod v3 style root $ref into definitions', () => {
    const tree = {
      type: 'object',
      properties: {
        name: { type: 'string' },
        children: { type: 'array', items: { $ref: '#/definitions/tree' } },
      },
      required: ['name', 'children'],
    };
    const result = normalizeOk({
      $ref: '#/definitions/tree',
      definitions: { tree },
      $schema: 'http://json-schema.org/draft-07/schema#',
    });
    expect(result.schema).toMatchObject({
      type: 'object',
      additionalProperties: false,
      required: ['name', 'children'],
    });
    expect(result.changes[0]).toEqual({
      pointer: '',
      description: "inlined $ref '#/definitions/tree': the root must be an object schema, not a reference",
    });
  });

  it('returns an already strict schema itself, with no changes', () => {
    const strict = deepFreeze(
      strictObject({ a: { type: ['string', 'null'] }, b: { $ref: '#', description: 'x' } }),
    );
    const result = normalizeStrictSchema(strict);
    expect(result).toEqual({ ok: true, schema: strict, changes: [] });
    expect(result.ok && result.schema).toBe(strict);
  });
});

describe('normalizeStrictSchema: rewrites', () => {
  it('inlines a $ref with constraining siblings, siblings winning for annotations', () => {
    const result = normalizeOk({
      ...strictObject({ home: { $ref: '#/$defs/Address', type: 'object', description: 'Home' } }),
      $defs: { Address: { ...strictObject({ street: { type: 'string' } }), description: 'An address' } },
    });
    expect((result.schema['properties'] as Record<string, unknown>)['home']).toEqual({
      ...strictObject({ street: { type: 'string' } }),
      description: 'Home',
    });
  });

  it('merges a one-entry allOf (pydantic v1 style) into its parent', () => {
    const result = normalizeOk({
      ...strictObject({ unit: { allOf: [{ $ref: '#/$defs/Unit' }], description: 'Unit to use' } }),
      $defs: { Unit: { type: 'string', enum: ['c', 'f'] } },
    });
    expect((result.schema['properties'] as Record<string, unknown>)['unit']).toEqual({
      $ref: '#/$defs/Unit',
      description: 'Unit to use',
    });
  });

  it('turns a discriminated or type-disjoint oneOf into anyOf', () => {
    const cat = strictObject({ kind: { type: 'string', const: 'cat' }, lives: { type: 'integer' } });
    const dog = strictObject({ kind: { type: 'string', const: 'dog' } });
    const result = normalizeOk(
      strictObject({ pet: { oneOf: [cat, dog] }, id: { oneOf: [{ type: 'string' }, { type: 'integer' }] } }),
    );
    expect(result.schema['properties']).toEqual({
      pet: { anyOf: [cat, dog] },
      id: { anyOf: [{ type: 'string' }, { type: 'integer' }] },
    });
  });

  it('infers a type from const or enum and drops annotation-only keywords', () => {
    const result = normalizeOk(
      strictObject({
        status: { const: 'ok' },
        level: { enum: [1, 2, null] },
        blob: { type: 'string', contentMediaType: 'image/png' },
      }),
    );
    expect(result.schema['properties']).toEqual({
      status: { const: 'ok', type: 'string' },
      level: { enum: [1, 2, null], type: ['integer', 'null'] },
      blob: { type: 'string' },
    });
  });

  it('wraps an optional const in anyOf and gives a root with properties its type', () => {
    const result = normalizeOk({
      properties: { mode: { type: 'string', const: 'fast', description: 'Mode' } },
    });
    expect(result.schema).toEqual({
      type: 'object',
      properties: {
        mode: { anyOf: [{ type: 'string', const: 'fast' }, { type: 'null' }], description: 'Mode' },
      },
      additionalProperties: false,
      required: ['mode'],
    });
  });

  it('closes an object that only lacks properties when it was already closed', () => {
    const result = normalizeOk(strictObject({ empty: { type: 'object', additionalProperties: false } }));
    expect((result.schema['properties'] as Record<string, unknown>)['empty']).toEqual({
      type: 'object',
      additionalProperties: false,
      properties: {},
      required: [],
    });
  });
});

describe('normalizeStrictSchema: refusals carry the path', () => {
  it.each<[string, unknown, Array<[string, string]>]>([
    [
      'an open object',
      strictObject({ meta: { type: 'object', properties: {}, additionalProperties: true } }),
      [['/properties/meta', 'additional_properties_open']],
    ],
    [
      'a map object',
      strictObject({ meta: { type: 'object', additionalProperties: { type: 'string' } } }),
      [
        ['/properties/meta', 'additional_properties_open'],
        ['/properties/meta', 'missing_properties'],
      ],
    ],
    [
      'a free-form object',
      strictObject({ meta: { type: 'object' } }),
      [['/properties/meta', 'missing_properties']],
    ],
    [
      'a multi-entry allOf',
      strictObject({ a: { allOf: [{ type: 'string' }, { minLength: 1 }] } }),
      [['/properties/a', 'all_of']],
    ],
    [
      'not',
      strictObject({ a: { type: 'string', not: { const: 'x' } } }),
      [['/properties/a', 'keyword_not_permitted']],
    ],
    [
      'if/then/else',
      strictObject({
        a: { type: 'string', ...Object.fromEntries(['if', 'then', 'else'].map((key) => [key, {}])) },
      }),
      [
        ['/properties/a', 'keyword_not_permitted'],
        ['/properties/a', 'keyword_not_permitted'],
        ['/properties/a', 'keyword_not_permitted'],
      ],
    ],
    [
      'patternProperties',
      strictObject({
        a: { type: 'object', properties: {}, patternProperties: { '^x': { type: 'string' } } },
      }),
      [['/properties/a', 'keyword_not_permitted']],
    ],
    [
      'tuple items',
      strictObject({ pair: { type: 'array', items: [{ type: 'string' }] } }),
      [['/properties/pair', 'tuple_items']],
    ],
    [
      'an array without items',
      strictObject({ list: { type: 'array' } }),
      [['/properties/list', 'array_missing_items']],
    ],
    [
      'an untyped property',
      strictObject({ anything: { description: 'any value' } }),
      [['/properties/anything', 'missing_type']],
    ],
    [
      'an overlapping oneOf',
      strictObject({ a: { oneOf: [{ type: 'number' }, { type: 'integer' }] } }),
      [['/properties/a', 'one_of']],
    ],
    [
      'a required key without property',
      { type: 'object', properties: {}, required: ['ghost'] },
      [['', 'required_extra']],
    ],
    ['an anyOf root', { anyOf: [strictObject({})] }, [['', 'root_any_of']]],
    ['a non-object root', { type: 'string' }, [['', 'root_not_object']]],
    [
      'a recursive ref with siblings',
      {
        ...strictObject({ next: { $ref: '#/$defs/N', type: 'object' } }),
        $defs: { N: { type: 'object', properties: { next: { $ref: '#/$defs/N', type: 'object' } } } },
      },
      [
        ['/properties/next/properties/next', 'ref_recursive'],
        ['/$defs/N/properties/next/properties/next', 'ref_recursive'],
      ],
    ],
    [
      'an unsupported format (left to the final check)',
      strictObject({ link: { type: 'string', format: 'uri' } }),
      [['/properties/link', 'format_not_supported']],
    ],
  ])('refuses %s', (_name, schema, expected) => {
    expect(refusals(schema)).toEqual(expected);
  });

  it.each([[null], [[]], ['schema']])('refuses %j without throwing', (input) => {
    expect(refusals(input)).toEqual([['', 'invalid_schema']]);
  });
});

describe('normalizeStrictSchema: cached by schema text', () => {
  it('gives an equal schema (a new object each request) the same result as the first time', () => {
    const schema = () => ({
      type: 'object',
      properties: { city: { type: 'string' }, unit: { type: 'string' } },
    });
    const first = normalizeStrictSchema(schema());
    const second = normalizeStrictSchema(schema());
    expect(second).toEqual(first);
    expect(first.ok && first.changes.length).toBeGreaterThan(0);
  });

  it('returns an already strict schema as the caller’s own object, on a cache hit too', () => {
    const make = () => ({
      type: 'object',
      properties: { city: { type: 'string' } },
      required: ['city'],
      additionalProperties: false,
    });
    const first = make();
    const second = make();
    expect(normalizeStrictSchema(first)).toEqual({ ok: true, schema: first, changes: [] });
    const again = normalizeStrictSchema(second);
    expect(again.ok && again.schema).toBe(second);
  });
});
