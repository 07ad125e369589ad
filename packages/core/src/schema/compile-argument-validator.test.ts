import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { CoreError } from '../errors/core-error.js';
import { compileArgumentValidator, createArgumentValidatorCompiler } from './compile-argument-validator.js';
import { normalizeStrictSchema } from './normalize-strict-schema.js';

function strictObject(properties: Record<string, unknown>): Record<string, unknown> {
  return { type: 'object', properties, required: Object.keys(properties), additionalProperties: false };
}

const weather = strictObject({
  city: { type: 'string' },
  unit: { type: ['string', 'null'], enum: ['celsius', 'fahrenheit', null] },
  date: { type: ['string', 'null'], format: 'date' },
});

/** The message JSON.parse itself gives, so the test holds on any Node version. */
function parseErrorOf(text: string): string {
  try {
    JSON.parse(text);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('expected invalid JSON');
}

describe('compileArgumentValidator: results', () => {
  it('returns the parsed value for valid arguments', () => {
    const result = compileArgumentValidator(weather).validate(
      '{"city":"Paris","unit":null,"date":"2026-05-01"}',
    );
    expect(result).toEqual({ ok: true, value: { city: 'Paris', unit: null, date: '2026-05-01' } });
  });

  it('explains invalid JSON in words a model can act on', () => {
    const text = '{"city": "Par';
    expect(compileArgumentValidator(weather).validate(text)).toEqual({
      ok: false,
      kind: 'invalid_json',
      message: `The arguments are not valid JSON (${parseErrorOf(text)}).`,
      errors: [{ pointer: '', message: parseErrorOf(text) }],
    });
    if (parseErrorOf('{"city":') === 'Unexpected end of JSON input') {
      expect(compileArgumentValidator(weather).validate('{"city":')).toMatchObject({
        message: 'The arguments are not valid JSON (Unexpected end of JSON input).',
      });
    }
  });

  it('lists every schema violation with its pointer', () => {
    const schema = strictObject({ city: { type: 'string' } });
    expect(compileArgumentValidator(schema).validate('{"city": 5, "x": 1}')).toEqual({
      ok: false,
      kind: 'schema_violation',
      message:
        "The arguments do not match the schema: / must NOT have additional property 'x'; /city must be string.",
      errors: [
        { pointer: '', message: "must NOT have additional property 'x'" },
        { pointer: '/city', message: 'must be string' },
      ],
    });
  });

  it('names missing properties, allowed values, nullable types and formats', () => {
    const result = compileArgumentValidator(weather).validate('{"unit":"kelvin","date":"soon"}');
    expect(result.ok === false && result.errors).toEqual([
      { pointer: '', message: "must have required property 'city'" },
      { pointer: '/unit', message: 'must be one of "celsius", "fahrenheit", null' },
      { pointer: '/date', message: 'must match format "date"' },
    ]);
    const typed = compileArgumentValidator(weather).validate('{"city":"x","unit":1,"date":null}');
    expect(typed.ok === false && typed.errors.map((error) => error.message)).toEqual([
      'must be string or null',
      'must be one of "celsius", "fahrenheit", null',
    ]);
  });

  it('caps the number of reported errors', () => {
    const schema = strictObject({ list: { type: 'array', items: { type: 'string' } } });
    const result = compileArgumentValidator(schema).validate(
      JSON.stringify({ list: Array.from({ length: 30 }, (_, i) => i) }),
    );
    expect(result.ok === false && result.errors).toHaveLength(20);
    expect(result.ok === false && result.message).toMatch(/; and 10 more\.$/);
  });

  it('validates recursive schemas through "$ref": "#"', () => {
    const tree = strictObject({
      name: { type: 'string' },
      children: { type: 'array', items: { $ref: '#' } },
    });
    const validator = compileArgumentValidator(tree);
    expect(validator.validate('{"name":"a","children":[{"name":"b","children":[]}]}').ok).toBe(true);
    const result = validator.validate(
      '{"name":"a","children":[{"name":"b","children":[{"name":1,"children":[]}]}]}',
    );
    expect(result.ok === false && result.errors).toEqual([
      { pointer: '/children/0/children/0/name', message: 'must be string' },
    ]);
  });

  it('resolves both $defs and definitions, and ignores a 2020-12 $schema', () => {
    const schema = {
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      ...strictObject({ a: { $ref: '#/$defs/A' }, b: { $ref: '#/definitions/B' } }),
      $defs: { A: { type: 'integer' } },
      definitions: { B: { type: 'boolean' } },
    };
    const validator = compileArgumentValidator(schema);
    expect(validator.validate('{"a":1,"b":true}').ok).toBe(true);
    const result = validator.validate('{"a":1.5,"b":"yes"}');
    expect(result.ok === false && result.errors.map((error) => error.pointer)).toEqual(['/a', '/b']);
  });

  it('validates what normalizeStrictSchema makes of a zod v4 schema', () => {
    const normalized = normalizeStrictSchema(
      z.toJSONSchema(z.object({ city: z.string(), days: z.number().int().optional() }), { io: 'input' }),
    );
    if (!normalized.ok) throw new Error('expected a strict schema');
    const validator = compileArgumentValidator(normalized.schema);
    expect(validator.validate('{"city":"x","days":null}').ok).toBe(true);
    expect(validator.validate('{"city":"x"}').ok).toBe(false);
  });

  it('rejects hostile nesting without throwing', () => {
    const tree = strictObject({ c: { anyOf: [{ $ref: '#' }, { type: 'null' }] } });
    const text = `${'{"c":'.repeat(100_000)}null${'}'.repeat(100_000)}`;
    const result = compileArgumentValidator(tree).validate(text);
    expect(result).toMatchObject({
      ok: false,
      kind: 'schema_violation',
      message: 'The arguments nest too deeply to be checked.',
    });
  });

  it('throws CoreError for a schema Ajv cannot compile', () => {
    const broken = strictObject({ a: { $ref: 'https://example.com/elsewhere.json' } });
    expect(() => compileArgumentValidator(broken)).toThrow(CoreError);
    try {
      compileArgumentValidator(strictObject({ a: { type: 'string', pattern: '(' } }));
      expect.unreachable();
    } catch (error) {
      expect(CoreError.isInstance(error) && error.code).toBe('invalid_schema');
    }
  });
});

describe('compileArgumentValidator: cache', () => {
  it('returns the same validator for the same object and for an equal new object', () => {
    const schema = strictObject({ q: { type: 'string' }, n: { type: 'integer' } });
    const first = compileArgumentValidator(schema);
    expect(compileArgumentValidator(schema)).toBe(first);
    expect(compileArgumentValidator(structuredClone(schema))).toBe(first);
    // Key order does not matter to validation, so it does not matter to the cache.
    const reordered = {
      additionalProperties: false,
      required: ['q', 'n'],
      properties: { n: { type: 'integer' }, q: { type: 'string' } },
      type: 'object',
    };
    expect(compileArgumentValidator(reordered)).toBe(first);
    expect(
      compileArgumentValidator(strictObject({ q: { type: 'number' }, n: { type: 'integer' } })),
    ).not.toBe(first);
  });

  it('forgets the least recently used schema beyond its size', () => {
    const compile = createArgumentValidatorCompiler({ cacheSize: 2 });
    const schemaOf = (type: string) => strictObject({ v: { type } });
    const string = compile(schemaOf('string'));
    const number = compile(schemaOf('number'));
    expect(compile(schemaOf('string'))).toBe(string); // refreshes 'string'
    compile(schemaOf('boolean')); // evicts 'number'
    expect(compile(schemaOf('string'))).toBe(string);
    const recompiled = compile(schemaOf('number'));
    expect(recompiled).not.toBe(number);
    expect(recompiled.validate('{"v":1}').ok).toBe(true);
  });
});
