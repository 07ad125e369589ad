import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkStrictSchema } from './check-strict-schema.js';
import { createArgumentValidatorCompiler } from './compile-argument-validator.js';

type Schema = Record<string, unknown>;

const minDate = new Date('1970-01-01T00:00:00.000Z');
const maxDate = new Date('2999-12-31T23:59:59.999Z');

/** Strict scalar schemas, each with a way to generate values it accepts. */
const scalar: fc.Arbitrary<Schema> = fc.oneof(
  fc.constantFrom<Schema>(
    { type: 'string' },
    { type: 'string', format: 'date' },
    { type: 'string', format: 'date-time' },
    { type: 'string', format: 'uuid' },
    { type: 'integer', minimum: -5, maximum: 5 },
    { type: 'number', exclusiveMinimum: 0 },
    { type: 'boolean' },
    { type: 'null' },
    { type: ['string', 'null'] },
    { type: ['integer', 'boolean'] },
  ),
  fc
    .uniqueArray(fc.string({ maxLength: 4 }), { minLength: 1, maxLength: 4 })
    .map((values) => ({ type: 'string', enum: values })),
);

const propertyName = fc.constantFrom('a', 'b', 'city', 'unit', 'n');

/** Strict schemas: closed objects with every key required, arrays with items, anyOf unions. */
const { object: strictObject } = fc.letrec<{ schema: Schema; object: Schema }>((tie) => ({
  schema: fc.oneof(
    { depthSize: 'small', maxDepth: 3 },
    { arbitrary: scalar, weight: 4 },
    { arbitrary: tie('object'), weight: 2 },
    {
      arbitrary: fc.record({ type: fc.constant('array'), items: tie('schema'), maxItems: fc.constant(3) }),
      weight: 1,
    },
    {
      arbitrary: fc
        .array(tie('schema'), { minLength: 1, maxLength: 3 })
        .map((branches) => ({ anyOf: branches })),
      weight: 1,
    },
  ),
  object: fc
    .uniqueArray(fc.tuple(propertyName, tie('schema')), { maxLength: 4, selector: (entry) => entry[0] })
    .map((entries) => ({
      type: 'object',
      properties: Object.fromEntries(entries),
      required: entries.map(([name]) => name),
      additionalProperties: false,
    })),
}));

/** An arbitrary of values `schema` accepts (for the strict subset generated above). */
function conformingValue(schema: Schema): fc.Arbitrary<unknown> {
  const anyOf = schema['anyOf'];
  if (Array.isArray(anyOf)) return fc.oneof(...anyOf.map((branch) => conformingValue(branch as Schema)));
  const enumValues = schema['enum'];
  if (Array.isArray(enumValues)) return fc.constantFrom(...enumValues);
  const type = schema['type'];
  if (Array.isArray(type)) return fc.oneof(...type.map((name) => conformingValue({ ...schema, type: name })));
  switch (type) {
    case 'string':
      if (schema['format'] === 'date')
        return fc
          .date({ min: minDate, max: maxDate, noInvalidDate: true })
          .map((date) => date.toISOString().slice(0, 10));
      if (schema['format'] === 'date-time')
        return fc.date({ min: minDate, max: maxDate, noInvalidDate: true }).map((date) => date.toISOString());
      if (schema['format'] === 'uuid') return fc.uuid();
      return fc.string();
    case 'integer':
      return fc.integer({ min: -5, max: 5 });
    case 'number':
      return fc.double({ min: Number.MIN_VALUE, max: 1e6, noNaN: true });
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array':
      return fc.array(conformingValue(schema['items'] as Schema), { maxLength: 3 });
    case 'object': {
      const properties = schema['properties'] as Record<string, Schema>;
      return fc.record(
        Object.fromEntries(Object.entries(properties).map(([name, child]) => [name, conformingValue(child)])),
      );
    }
    default:
      throw new Error(`no generator for ${JSON.stringify(schema)}`);
  }
}

/** A strict tool schema with a value that conforms to it. */
const schemaAndArguments = strictObject.chain((schema) =>
  fc.tuple(fc.constant(schema), conformingValue(schema)),
);

describe('argument validation over generated strict schemas (conformance case 43)', () => {
  const compile = createArgumentValidatorCompiler({ cacheSize: 64 });

  it('accepts every conforming argument object and returns it parsed', () => {
    fc.assert(
      fc.property(schemaAndArguments, ([schema, value]) => {
        expect(checkStrictSchema(schema)).toEqual([]); // the generator only makes strict schemas
        const result = compile(schema).validate(JSON.stringify(value));
        expect(result).toEqual({ ok: true, value });
      }),
      { numRuns: 300 },
    );
  });

  it('rejects the same arguments with a property the schema does not declare', () => {
    fc.assert(
      fc.property(schemaAndArguments, ([schema, value]) => {
        const extended = { ...(value as Record<string, unknown>), zzz_extra: 1 };
        const result = compile(schema).validate(JSON.stringify(extended));
        expect(result).toMatchObject({ ok: false, kind: 'schema_violation' });
        expect(result.ok === false && result.errors).toContainEqual({
          pointer: '',
          message: "must NOT have additional property 'zzz_extra'",
        });
      }),
      { numRuns: 200 },
    );
  });
});
