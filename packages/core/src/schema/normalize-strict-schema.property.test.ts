import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkStrictSchema } from './check-strict-schema.js';
import { normalizeStrictSchema } from './normalize-strict-schema.js';

type Schema = Record<string, unknown>;

/** Property names, including ones that break naive code: `__proto__`, pointer and quote characters. */
const propertyName = fc.constantFrom('a', 'b', 'city', '__proto__', 'x/y', "it's", '~0');

/** Leaf schemas the normalizer can always make strict (or that already are). */
const fixableLeaf: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom<Schema>(
    { type: 'string' },
    { type: 'integer', minimum: 0 },
    { type: 'number' },
    { type: 'boolean' },
    { type: 'null' },
    { type: ['string', 'null'] },
    { type: 'string', format: 'date' },
    { type: 'string', contentMediaType: 'text/plain' },
    { $ref: '#/$defs/Unit' },
    { $ref: '#/$defs/Unit', description: 'unit' },
    { $ref: '#/$defs/Unit', default: 'c' },
    { $ref: '#/$defs/Unit', type: 'string' },
    { $ref: '#' },
  ),
  fc.record({
    type: fc.constant('string'),
    enum: fc.uniqueArray(fc.string({ maxLength: 3 }), { minLength: 1, maxLength: 3 }),
  }),
  fc.record({ const: fc.oneof(fc.string({ maxLength: 3 }), fc.integer(), fc.boolean(), fc.constant(null)) }),
  fc.record({
    type: fc.constant('string'),
    default: fc.oneof(fc.constant(null), fc.string({ maxLength: 3 })),
  }),
);

/** Leaf schemas that cannot be made strict without changing their meaning. */
const hopelessLeaf: fc.Arbitrary<unknown> = fc.constantFrom<unknown>(
  { type: 'string', format: 'uri' },
  { description: 'untyped' },
  { $ref: '#/$defs/Missing' },
  { type: 'array' },
  true,
);

/** Mostly fixable leaves, so both outcomes of the property are exercised. */
const leaf = fc.oneof({ arbitrary: fixableLeaf, weight: 12 }, { arbitrary: hopelessLeaf, weight: 1 });

/** True about one time in `n`. */
const rarely = (n: number) => fc.nat(n - 1).map((value) => value === 0);

const { schema: anySchema, object: objectSchema } = fc.letrec<{ schema: unknown; object: Schema }>((tie) => ({
  schema: fc.oneof(
    { depthSize: 'small', maxDepth: 4 },
    { arbitrary: leaf, weight: 6 },
    { arbitrary: tie('object'), weight: 2 },
    { arbitrary: fc.record({ type: fc.constant('array'), items: tie('schema') }), weight: 2 },
    {
      arbitrary: fc
        .array(tie('schema'), { minLength: 1, maxLength: 3 })
        .map((branches) => ({ anyOf: branches })),
      weight: 1,
    },
    // Distinct types: exclusive, so convertible to anyOf; `{oneOf: [x, x]}` is not.
    {
      arbitrary: fc
        .tuple(fc.constantFrom('string', 'boolean'), fc.constantFrom('integer', 'null'), rarely(3))
        .map(([first, second, overlap]) => ({
          oneOf: [{ type: first }, { type: overlap ? first : second }],
        })),
      weight: 1,
    },
    {
      arbitrary: fc
        .array(tie('schema'), { minLength: 1, maxLength: 2 })
        .map((entries) => ({ allOf: entries })),
      weight: 1,
    },
  ),
  object: fc
    .record({
      entries: fc.uniqueArray(fc.tuple(propertyName, tie('schema'), fc.boolean()), {
        maxLength: 3,
        selector: (entry) => entry[0],
      }),
      additionalProperties: fc.oneof(
        { arbitrary: fc.constantFrom('absent' as const, false), weight: 10 },
        { arbitrary: fc.constant(true), weight: 1 },
      ),
      typed: rarely(10).map((untyped) => !untyped),
      extraRequired: rarely(30),
      withProperties: fc.oneof(
        { arbitrary: fc.constant(true), weight: 10 },
        { arbitrary: fc.constant(false), weight: 1 },
      ),
    })
    .map(({ entries, additionalProperties, typed, extraRequired, withProperties }) => {
      // Object.fromEntries defines own properties, so `__proto__` stays a property name.
      const schema: Schema = typed ? { type: 'object' } : {};
      if (withProperties || !typed) {
        schema['properties'] = Object.fromEntries(entries.map(([name, child]) => [name, child]));
        const required = entries.filter(([, , isRequired]) => isRequired).map(([name]) => name);
        schema['required'] = extraRequired ? [...required, 'ghost'] : required;
      }
      if (additionalProperties !== 'absent') schema['additionalProperties'] = additionalProperties;
      return schema;
    }),
}));

/** A root document: an object schema with definitions the refs above point at. */
const rootSchema = fc.tuple(objectSchema, objectSchema).map(([root, definition]) => ({
  ...root,
  $defs: { Unit: { type: 'string', enum: ['c', 'f'] }, Obj: definition },
}));

describe('normalizeStrictSchema properties', () => {
  it('either refuses or yields a schema that passes checkStrictSchema, and is idempotent', () => {
    let normalized = 0;
    let refused = 0;
    fc.assert(
      fc.property(rootSchema, (input) => {
        const before = JSON.stringify(input);
        const result = normalizeStrictSchema(input);
        expect(JSON.stringify(input)).toBe(before); // never mutates its input
        if (!result.ok) {
          refused += 1;
          expect(result.issues.length).toBeGreaterThan(0);
          return;
        }
        normalized += 1;
        expect(checkStrictSchema(result.schema)).toEqual([]);
        const again = normalizeStrictSchema(result.schema);
        expect(again).toEqual({ ok: true, schema: result.schema, changes: [] });
        expect(again.ok && again.schema).toBe(result.schema);
      }),
      { numRuns: 500 },
    );
    // Both outcomes must actually be exercised, or the property says nothing.
    expect(normalized).toBeGreaterThan(50);
    expect(refused).toBeGreaterThan(50);
  });

  it('never throws, whatever the input', () => {
    fc.assert(
      fc.property(fc.oneof(anySchema, fc.jsonValue()), (input) => {
        const result = normalizeStrictSchema(input);
        expect(typeof result.ok).toBe('boolean');
      }),
      { numRuns: 300 },
    );
  });
});
