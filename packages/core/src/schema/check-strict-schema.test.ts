import { describe, expect, it } from 'vitest';
import { checkStrictSchema } from './check-strict-schema.js';
import { strictSchemaErrorMessage } from './strict-schema-error-message.js';

const additionalPropertiesReason = "'additionalProperties' is required to be supplied and to be false";
const requiredReason =
  "'required' is required to be supplied and to be an array including every key in properties";

/** The guide's valid strict schema (docs/protocol/guide.md#strict-mode). */
const guideValid = {
  type: 'object',
  properties: {
    city: { type: 'string' },
    unit: { type: 'string', enum: ['celsius', 'fahrenheit'] },
    date: { type: ['string', 'null'], description: '可选,默认今天' },
  },
  required: ['city', 'unit', 'date'],
  additionalProperties: false,
};

/** The guide's invalid example: no additionalProperties, `date` not required. */
const guideInvalid = {
  type: 'object',
  properties: { city: { type: 'string' }, date: { type: 'string' } },
  required: ['city'],
};

/** A strict object with the given properties, all required. */
function strictObject(properties: Record<string, unknown>): Record<string, unknown> {
  return { type: 'object', properties, required: Object.keys(properties), additionalProperties: false };
}

/** The first issue, worded as OpenAI's E11 for a function named `f`. */
function firstMessage(schema: unknown): string | undefined {
  const [first] = checkStrictSchema(schema);
  return first === undefined ? undefined : strictSchemaErrorMessage('f', first);
}

describe('checkStrictSchema: the guide examples', () => {
  it('accepts the valid example', () => {
    expect(checkStrictSchema(guideValid)).toEqual([]);
  });

  it('reports exactly the two problems of the invalid example', () => {
    expect(checkStrictSchema(guideInvalid)).toEqual([
      { code: 'additional_properties', pointer: '', context: '()', reason: additionalPropertiesReason },
      { code: 'required_missing', pointer: '', context: '()', reason: `${requiredReason}. Missing 'date'` },
    ]);
  });
});

describe('checkStrictSchema: conformance cases 32–39', () => {
  it('32: a schema without additionalProperties', () => {
    const schema = { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] };
    expect(firstMessage(schema)).toBe(
      "Invalid schema for function 'f': In context=(), 'additionalProperties' is required to be supplied and to be false.",
    );
  });

  it("33: a property missing from 'required'", () => {
    const schema = {
      ...strictObject({ city: { type: 'string' }, unit: { type: 'string' } }),
      required: ['city'],
    };
    expect(firstMessage(schema)).toBe(
      `Invalid schema for function 'f': In context=(), ${requiredReason}. Missing 'unit'.`,
    );
  });

  it("34: an extra key in 'required'", () => {
    const schema = { ...strictObject({ city: { type: 'string' } }), required: ['city', 'x'] };
    expect(firstMessage(schema)).toBe(
      `Invalid schema for function 'f': In context=(), ${requiredReason}. Extra required key 'x' supplied.`,
    );
  });

  it('35: a nested object without additionalProperties is reported at its context', () => {
    const schema = strictObject({
      location: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
    });
    expect(firstMessage(schema)).toBe(
      "Invalid schema for function 'f': In context=('properties', 'location'), 'additionalProperties' is required to be supplied and to be false.",
    );
  });

  it("36: 'oneOf' is rejected and the same schema with 'anyOf' passes", () => {
    const branches = [{ type: 'string' }, { type: 'number' }];
    expect(firstMessage(strictObject({ value: { oneOf: branches } }))).toBe(
      "Invalid schema for function 'f': In context=('properties', 'value'), 'oneOf' is not permitted.",
    );
    expect(checkStrictSchema(strictObject({ value: { anyOf: branches } }))).toEqual([]);
  });

  it('37: a type array with null passes', () => {
    expect(checkStrictSchema(strictObject({ note: { type: ['string', 'null'] } }))).toEqual([]);
  });

  it('38: $defs with $ref and a recursive "#" ref pass', () => {
    const schema = {
      ...strictObject({
        name: { type: 'string' },
        location: { $ref: '#/$defs/Location' },
        children: { type: 'array', items: { $ref: '#' } },
      }),
      $defs: {
        Location: {
          ...strictObject({
            city: { type: 'string' },
            near: { anyOf: [{ $ref: '#/$defs/Location' }, { type: 'null' }] },
          }),
        },
      },
    };
    expect(checkStrictSchema(schema)).toEqual([]);
  });

  it('38: zod v3 style `definitions` (zod-to-json-schema, duplicate-ref) pass', () => {
    const node = strictObject({
      name: { type: 'string' },
      children: { type: 'array', items: { $ref: '#/definitions/tree' } },
    });
    const schema = {
      ...node,
      definitions: { tree: node },
      $schema: 'http://json-schema.org/draft-07/schema#',
    };
    expect(checkStrictSchema(schema)).toEqual([]);
  });

  it('39: a bare {"type":"object"} is rejected, the empty strict object passes', () => {
    expect(firstMessage({ type: 'object' })).toBe(
      "Invalid schema for function 'f': In context=(), object schema missing properties.",
    );
    expect(checkStrictSchema({ type: 'object' }).map((issue) => issue.code)).toEqual([
      'missing_properties',
      'additional_properties',
    ]);
    expect(
      checkStrictSchema({ type: 'object', properties: {}, required: [], additionalProperties: false }),
    ).toEqual([]);
  });
});

describe('checkStrictSchema: reasons', () => {
  it.each([
    'allOf',
    'not',
    'if',
    'then',
    'else',
    'dependentRequired',
    'dependentSchemas',
    'patternProperties',
    'unevaluatedProperties',
    'propertyNames',
    'minProperties',
    'maxProperties',
    'uniqueItems',
    'contains',
    'prefixItems',
  ])("'%s' is not permitted", (keyword) => {
    const schema = strictObject({ value: { type: 'array', items: { type: 'string' }, [keyword]: {} } });
    expect(checkStrictSchema(schema)).toEqual([
      {
        code: 'keyword_not_permitted',
        pointer: '/properties/value',
        context: "('properties', 'value')",
        reason: `'${keyword}' is not permitted`,
      },
    ]);
  });

  it("a non-null 'default' is not permitted, a null one is", () => {
    expect(checkStrictSchema(strictObject({ unit: { type: 'string', default: 'celsius' } }))).toEqual([
      expect.objectContaining({ pointer: '/properties/unit', reason: "'default' is not permitted" }),
    ]);
    expect(checkStrictSchema(strictObject({ unit: { type: ['string', 'null'], default: null } }))).toEqual(
      [],
    );
  });

  it('$ref siblings are listed in a Python set; annotations are allowed', () => {
    const defs = { $defs: { Unit: { type: 'string', enum: ['c', 'f'] } } };
    const withDefault = { ...strictObject({ unit: { $ref: '#/$defs/Unit', default: 'c' } }), ...defs };
    expect(firstMessage(withDefault)).toBe(
      "Invalid schema for function 'f': In context=('properties', 'unit'), $ref cannot have keywords {'default'}.",
    );
    const withTwo = {
      ...strictObject({ unit: { $ref: '#/$defs/Unit', default: 'c', type: 'string' } }),
      ...defs,
    };
    expect(checkStrictSchema(withTwo).map((issue) => issue.reason)).toEqual([
      "$ref cannot have keywords {'default', 'type'}",
    ]);
    const annotated = {
      ...strictObject({ unit: { $ref: '#/$defs/Unit', description: 'Unit', title: 'U' } }),
      ...defs,
    };
    expect(checkStrictSchema(annotated)).toEqual([]);
  });

  it('refs must be local, resolve, and reach a schema', () => {
    const schema = {
      ...strictObject({
        remote: { $ref: 'https://example.com/s.json' },
        missing: { $ref: '#/$defs/Nope' },
        loop: { $ref: '#/$defs/A' },
      }),
      $defs: { A: { $ref: '#/$defs/B' }, B: { $ref: '#/$defs/A' } },
    };
    expect(checkStrictSchema(schema).map((issue) => [issue.pointer, issue.code])).toEqual([
      ['/properties/remote', 'ref_not_local'],
      ['/properties/missing', 'ref_unresolved'],
      ['/properties/loop', 'ref_cycle'],
      ['/$defs/A', 'ref_cycle'],
      ['/$defs/B', 'ref_cycle'],
    ]);
  });

  it('every schema needs a type unless it is an anyOf or a $ref', () => {
    const schema = strictObject({
      anything: {},
      status: { const: 'ok' },
      either: { anyOf: [{ type: 'string' }, {}] },
    });
    expect(checkStrictSchema(schema).map((issue) => [issue.context, issue.reason])).toEqual([
      ["('properties', 'anything')", "schema must have a 'type' key"],
      ["('properties', 'status')", "schema must have a 'type' key"],
      ["('properties', 'either', 'anyOf', '1')", "schema must have a 'type' key"],
    ]);
  });

  it('only the supported string formats pass', () => {
    const formats = ['date-time', 'time', 'date', 'duration', 'email', 'hostname', 'ipv4', 'ipv6', 'uuid'];
    const supported = Object.fromEntries(formats.map((format) => [format, { type: 'string', format }]));
    expect(checkStrictSchema(strictObject(supported))).toEqual([]);
    expect(checkStrictSchema(strictObject({ link: { type: 'string', format: 'uri' } }))).toEqual([
      expect.objectContaining({ code: 'format_not_supported', pointer: '/properties/link' }),
    ]);
  });

  it('arrays need one items schema', () => {
    const schema = strictObject({
      free: { type: 'array' },
      pair: { type: 'array', items: [{ type: 'string' }, { type: 'number' }] },
    });
    expect(checkStrictSchema(schema).map((issue) => [issue.pointer, issue.code, issue.reason])).toEqual([
      ['/properties/free', 'array_missing_items', 'array schema missing items'],
      [
        '/properties/pair',
        'tuple_items',
        "'items' must be a single schema; tuple validation is not permitted",
      ],
    ]);
  });

  it('rejects unknown type names and boolean schemas', () => {
    const schema = strictObject({ when: { type: 'datetime' }, any: true });
    expect(checkStrictSchema(schema).map((issue) => [issue.pointer, issue.code])).toEqual([
      ['/properties/when', 'invalid_type'],
      ['/properties/any', 'invalid_schema'],
    ]);
  });

  it('the root must be a single object schema', () => {
    expect(firstMessage({ type: 'array', items: { type: 'string' } })).toBe(
      `Invalid schema for function 'f': In context=(), schema must be a JSON Schema of 'type: "object"', got 'type: "array"'.`,
    );
    expect(firstMessage({ properties: {} })).toBe(
      `Invalid schema for function 'f': In context=(), schema must be a JSON Schema of 'type: "object"', got 'type: null'.`,
    );
    const union = { type: 'object', anyOf: [strictObject({ a: { type: 'string' } })] };
    expect(checkStrictSchema(union).map((issue) => issue.code)).toContain('root_any_of');
  });

  it.each([[null], [[]], ['schema'], [42], [undefined]])(
    'yields one issue instead of throwing for %j',
    (input) => {
      const issues = checkStrictSchema(input);
      expect(issues).toHaveLength(1);
      expect(issues[0]).toMatchObject({ code: 'invalid_schema', pointer: '', context: '()' });
    },
  );

  it('reports every violation, not just the first', () => {
    const schema = {
      type: 'object',
      properties: { a: { type: 'string', default: 'x' }, b: { type: 'object', properties: {} } },
      required: ['a', 'c'],
    };
    expect(checkStrictSchema(schema).map((issue) => [issue.pointer, issue.code])).toEqual([
      ['', 'additional_properties'],
      ['', 'required_missing'],
      ['', 'required_extra'],
      ['/properties/a', 'default_not_permitted'],
      ['/properties/b', 'additional_properties'],
    ]);
  });
});

describe('checkStrictSchema: contexts', () => {
  it('renders items, anyOf branches and definitions like OpenAI', () => {
    const open = { type: 'object', properties: {} };
    const schema = {
      ...strictObject({
        flights: { type: 'array', items: open },
        u: { anyOf: [open, { type: 'null' }] },
        loc: { $ref: '#/$defs/Location' },
        old: { $ref: '#/definitions/Old' },
      }),
      $defs: { Location: open },
      definitions: { Old: open },
    };
    expect(checkStrictSchema(schema).map((issue) => issue.context)).toEqual([
      "('properties', 'flights', 'items')",
      "('properties', 'u', 'anyOf', '0')",
      "('$defs', 'Location')",
      "('definitions', 'Old')",
    ]);
  });

  it('escapes pointers and quotes odd names the Python way', () => {
    const schema = strictObject({ "it's/a~b": { type: 'object', properties: {} } });
    const [issue] = checkStrictSchema(schema);
    expect(issue?.pointer).toBe("/properties/it's~1a~0b");
    expect(issue?.context).toBe(`('properties', "it's/a~b")`);
  });

  it('reads __proto__ as an ordinary property name', () => {
    const schema = JSON.parse(
      '{"type":"object","properties":{"__proto__":{"type":"string"}},"required":[],"additionalProperties":false}',
    );
    expect(checkStrictSchema(schema).map((issue) => issue.reason)).toEqual([
      `${requiredReason}. Missing '__proto__'`,
    ]);
  });
});
