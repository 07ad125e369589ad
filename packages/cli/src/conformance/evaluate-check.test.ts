import { describe, expect, it } from 'vitest';
import type { ConformanceCheck } from './corpus-schema.js';
import { evaluateCheck } from './evaluate-check.js';

// The property language of docs/conformance.md#checks, one assertion at a time: each must hold on
// a matching result and fail, with evidence, on a mismatching one.
const result = {
  status: 200,
  headers: { 'content-type': 'text/event-stream' },
  body: {
    output: [{ type: 'reasoning' }, { type: 'function_call', call_id: 'call_1', name: 'get_weather' }],
  },
  events: [
    { type: 'response.created', sequence_number: 0 },
    {
      type: 'response.output_item.added',
      sequence_number: 1,
      output_index: 0,
      item: { type: 'function_call' },
    },
    { type: 'response.function_call_arguments.delta', sequence_number: 2, output_index: 0 },
    { type: 'response.function_call_arguments.delta', sequence_number: 3, output_index: 0 },
    { type: 'response.completed', sequence_number: 4 },
  ],
  frames: [{ event: 'response.created', data: { type: 'response.created' } }],
  calls: [{ index: 0, id: 'call_1', itemId: 'fc_1', name: 'get_weather', arguments: '{"city":"Paris"}' }],
};
const requestBody = {
  tools: [
    {
      type: 'function',
      name: 'get_weather',
      parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
    },
  ],
};

function check(assertion: ConformanceCheck, root: unknown = result) {
  return evaluateCheck(assertion, { root, requestBody });
}

describe('conformance checks', () => {
  it.each<[string, ConformanceCheck, ConformanceCheck]>([
    ['status', { status: 200 }, { status: [400, 404] }],
    [
      'equals (key order ignored)',
      { at: '/body/output/1', equals: { name: 'get_weather', call_id: 'call_1', type: 'function_call' } },
      { at: '/body/output/1/name', equals: 'get_time' },
    ],
    ['matches', { at: '/calls/*/id', matches: '^call_' }, { at: '/calls/*/id', matches: '^fc_' }],
    [
      'startsWith',
      { at: '/headers/content-type', startsWith: 'text/' },
      { at: '/headers/content-type', startsWith: 'application/' },
    ],
    ['type (an integer is a number)', { at: '/status', type: 'number' }, { at: '/status', type: 'string' }],
    ['oneOf', { at: '/status', oneOf: [200, 201] }, { at: '/status', oneOf: [400] }],
    [
      'exists',
      { at: '/body/output/1/call_id', exists: true },
      { at: '/body/output/0/call_id', exists: true },
    ],
    ['count with a wildcard', { at: '/events/*', count: 5 }, { at: '/events/*', count: { max: 4 } }],
    [
      'distinct',
      { at: '/events/*/type', distinct: true, collapse: true },
      { at: '/events/*/type', distinct: true },
    ],
    ['same', { at: '/events/*/output_index', same: true }, { at: '/events/*/sequence_number', same: true }],
    [
      'sequence with collapse',
      {
        at: '/events/*/type',
        collapse: true,
        sequence: [
          'response.created',
          'response.output_item.added',
          'response.function_call_arguments.delta',
          'response.completed',
        ],
      },
      { at: '/events/*/type', sequence: ['response.created', 'response.completed'] },
    ],
    [
      'countsFrom',
      { at: '/events/*/sequence_number', countsFrom: 0 },
      { at: '/events/*/sequence_number', countsFrom: 1 },
    ],
    [
      'keys',
      { at: '/calls/0', keys: ['arguments', 'id', 'index', 'itemId', 'name'] },
      { at: '/calls/0', keys: ['id'] },
    ],
    ['hasKeys', { at: '/calls/0', hasKeys: ['id'] }, { at: '/calls/0', hasKeys: ['id', 'type'] }],
    [
      'equalsAt',
      { at: '/calls/0/id', equalsAt: '/body/output/1/call_id' },
      { at: '/calls/0/id', equalsAt: '/calls/0/itemId' },
    ],
    [
      '-1 is the last element',
      { at: '/events/-1/type', equals: 'response.completed' },
      { at: '/events/-1/type', equals: 'response.created' },
    ],
    [
      'where + pick',
      {
        at: '/body/output/*',
        where: [{ at: '/type', equals: 'function_call' }],
        pick: '/name',
        sequence: ['get_weather'],
      },
      { at: '/body/output/*', pick: '/type', sequence: ['function_call'] },
    ],
    [
      'every',
      { at: '/events/*', every: [{ at: '/sequence_number', type: 'integer' }] },
      { at: '/events/*', every: [{ at: '/output_index', equals: 0 }] },
    ],
    ['argumentsValid', { argumentsValid: true }, { argumentsValid: 'get_time' }],
  ])('%s: holds on a match, fails on a mismatch', (_name, holds, fails) => {
    expect(check(holds)).toBeNull();
    const failure = check(fails);
    expect(failure).not.toBeNull();
    expect(failure?.check).toEqual(expect.any(String));
  });

  it('a value check fails on an empty selection unless it is optional', () => {
    expect(check({ at: '/body/missing', equals: 1 })).toMatchObject({ expected: 1, actual: undefined });
    expect(check({ at: '/body/missing', equals: 1, optional: true })).toBeNull();
  });

  it('reports the first offending value and a readable description', () => {
    expect(check({ at: '/events/*/type', matches: '^response\\.(created|completed)$' })).toEqual({
      check: '/events/*/type matches /^response\\.(created|completed)$/',
      expected: '^response\\.(created|completed)$',
      actual: 'response.output_item.added',
    });
  });

  it('argumentsValid says why arguments are invalid', () => {
    const bad = { calls: [{ name: 'get_weather', arguments: '{"town":"Paris"}' }] };
    expect(check({ argumentsValid: true }, bad)?.actual).toMatchObject({
      problem: expect.stringContaining("must have required property 'city'"),
    });
    expect(
      check({ argumentsValid: true }, { calls: [{ name: 'nope', arguments: '{}' }] })?.actual,
    ).toMatchObject({
      problem: "the request offered no tool named 'nope'",
    });
  });

  it('error: status, envelope, type, code, param and message forms', () => {
    const error = {
      status: 400,
      body: { error: { message: 'Missing x. Hint.', type: 'invalid_request_error', param: 'x', code: null } },
    };
    expect(
      check({ error: { status: 400, param: 'x', code: null, messageStartsWith: 'Missing x.' } }, error),
    ).toBeNull();
    expect(check({ error: { messageMatches: 'Hint\\.$' } }, error)).toBeNull();
    expect(check({ error: { param: 'y' } }, error)).toMatchObject({ expected: 'y', actual: 'x' });
    expect(check({ error: { message: 'Missing x.' } }, error)).toMatchObject({ actual: 'Missing x. Hint.' });
    expect(check({ error: {} }, { status: 500, body: error.body })).toMatchObject({
      expected: '4xx',
      actual: 500,
    });
    expect(check({ error: {} }, { status: 404, body: { detail: 'Not Found' } })).toMatchObject({
      expected: '{"error": {"message": …}}',
    });
    expect(
      check({ error: { code: null } }, { status: 400, body: { error: { message: 'm' } } }),
    ).toMatchObject({
      actual: '(absent)',
    });
  });
});
