import { describe, expect, it } from 'vitest';
import { checkStrictSchema } from './check-strict-schema.js';

function strictObject(properties: Record<string, unknown>): Record<string, unknown> {
  return { type: 'object', properties, required: Object.keys(properties), additionalProperties: false };
}

/** A root whose deepest value sits `depth` properties/items steps below it. */
function nested(depth: number): Record<string, unknown> {
  let schema: Record<string, unknown> = { type: 'string' };
  for (let level = 1; level < depth; level += 1) {
    // Alternate objects and arrays: both count as a level.
    schema = level % 2 === 0 ? { type: 'array', items: schema } : strictObject({ next: schema });
  }
  return strictObject({ next: schema });
}

function codes(schema: unknown, options = {}): string[] {
  return checkStrictSchema(schema, options).map((issue) => issue.code);
}

describe('checkStrictSchema: size limits (strict-mode.md#size-limits, conformance case 40)', () => {
  it('accepts 10 levels of nesting and rejects 11', () => {
    expect(checkStrictSchema(nested(10))).toEqual([]);
    const issues = checkStrictSchema(nested(11));
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({
      code: 'max_depth',
      reason: 'schema is nested 11 levels deep; the limit is 10',
    });
    expect(
      issues[0]?.pointer.split('/').filter((segment) => segment === 'next' || segment === 'items'),
    ).toHaveLength(11);
  });

  it('counts anyOf branches and refs as no level, and definitions from level 1', () => {
    const inner = nested(9);
    const schema = {
      ...strictObject({ a: { anyOf: [{ $ref: '#/$defs/Deep' }, { type: 'null' }] } }),
      $defs: { Deep: inner },
    };
    expect(checkStrictSchema(schema)).toEqual([]);
    expect(codes({ ...schema, $defs: { Deep: nested(10) } })).toEqual(['max_depth']);
  });

  it('accepts 5,000 properties in total and rejects 5,001', () => {
    const properties = (count: number) =>
      Object.fromEntries(Array.from({ length: count }, (_, index) => [`p${index}`, { type: 'string' }]));
    // Split over two objects: the limit is for the whole schema.
    const schema = (count: number) =>
      strictObject({
        left: strictObject(properties(count - 2_000 - 2)),
        right: strictObject(properties(2_000)),
      });
    expect(checkStrictSchema(schema(5_000))).toEqual([]);
    expect(checkStrictSchema(schema(5_001))).toEqual([
      {
        code: 'max_properties',
        pointer: '',
        context: '()',
        reason: 'schema has 5001 object properties in total; the limit is 5000',
      },
    ]);
  });

  it('limits the characters of names, enum values and const values to 120,000', () => {
    const name = (letter: string) => letter.repeat(39_990);
    const schema = (extra: number) =>
      strictObject({
        [name('a')]: { type: 'string', const: 'x'.repeat(5 + extra) },
        [name('b')]: { type: 'string', enum: ['y'.repeat(5)] },
        [name('c')]: { type: 'string' },
      });
    // 3 × 39,990 + 5 + 5 = 119,980, plus the definition-free remainder of 20 below.
    expect(checkStrictSchema(schema(20))).toEqual([]);
    expect(codes(schema(21))).toEqual(['max_string_length']);
  });

  it('counts definition names against the string budget', () => {
    const schema = {
      ...strictObject({ a: { $ref: `#/$defs/${'d'.repeat(60)}` } }),
      $defs: { ['d'.repeat(60)]: { type: 'string' } },
    };
    expect(codes(schema, { limits: { maxStringBudget: 61 } })).toEqual([]);
    expect(codes(schema, { limits: { maxStringBudget: 60 } })).toEqual(['max_string_length']);
  });

  it('accepts 1,000 enum values in total and rejects 1,001', () => {
    const values = (count: number, prefix: string) =>
      Array.from({ length: count }, (_, index) => `${prefix}${index}`);
    const schema = (total: number) =>
      strictObject({
        a: { type: 'string', enum: values(500, 'a') },
        b: { type: 'string', enum: values(total - 500, 'b') },
      });
    expect(checkStrictSchema(schema(1_000))).toEqual([]);
    expect(codes(schema(1_001))).toEqual(['max_enum_values']);
  });

  it('limits one string enum of more than 250 values to 15,000 characters', () => {
    const values = (count: number, length: number) =>
      Array.from({ length: count }, (_, index) => String(index).padStart(length, '0'));
    const check = (count: number, length: number) =>
      checkStrictSchema(strictObject({ code: { type: 'string', enum: values(count, length) } }));
    expect(check(250, 100)).toEqual([]); // 25,000 characters but only 250 values
    expect(check(251, 59)).toEqual([]); // 14,809 characters
    expect(check(251, 60)).toEqual([
      {
        code: 'max_enum_string_length',
        pointer: '/properties/code',
        context: "('properties', 'code')",
        reason:
          'enum has 251 string values totalling 15060 characters; an enum with more than 250 values may total at most 15000 characters',
      },
    ]);
  });

  it('takes partial limit overrides', () => {
    expect(codes(nested(3), { limits: { maxDepth: 2 } })).toEqual(['max_depth']);
    expect(codes(nested(3), { limits: { maxProperties: 10 } })).toEqual([]);
  });

  it('stops at hostile nesting instead of overflowing the stack', () => {
    let branch: unknown = { type: 'string' };
    for (let level = 0; level < 50_000; level += 1) branch = { anyOf: [branch] };
    expect(codes(strictObject({ deep: branch }))).toEqual(['max_nesting']);
  });
});
