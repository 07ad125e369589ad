import { describe, expect, it } from 'vitest';
import { validateChatRequest } from './validate-chat-request.js';
import { validateResponsesRequest } from './validate-responses-request.js';
import { type Envelope, firstError } from './validation-test-kit.case.js';

function chatWith(parameters: unknown, strict: boolean | 'omit' = true) {
  const fn = strict === 'omit' ? { name: 'f', parameters } : { name: 'f', parameters, strict };
  return {
    model: 'gpt-5.4',
    messages: [{ role: 'user', content: 'hi' }],
    tools: [{ type: 'function', function: fn }],
  };
}

function responsesWith(parameters: unknown, strict?: boolean) {
  const tool =
    strict === undefined
      ? { type: 'function', name: 'f', parameters }
      : { type: 'function', name: 'f', parameters, strict };
  return { model: 'gpt-5.4', input: 'hi', tools: [tool] };
}

function e11(reason: string): Envelope {
  return {
    message: `Invalid schema for function 'f': ${reason}`,
    type: 'invalid_request_error',
    param: 'tools[0].function.parameters',
    code: 'invalid_function_parameters',
  };
}

const closed = (properties: Record<string, unknown>, required = Object.keys(properties)) => ({
  type: 'object',
  properties,
  required,
  additionalProperties: false,
});

describe('strict tools on Chat (E11)', () => {
  it('case 32: a schema without additionalProperties:false', () => {
    const schema = { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] };
    expect(firstError(validateChatRequest(chatWith(schema)))).toEqual(
      e11("In context=(), 'additionalProperties' is required to be supplied and to be false."),
    );
  });

  it('case 33: a property missing from required', () => {
    const schema = closed({ city: { type: 'string' }, unit: { type: 'string' } }, ['city']);
    expect(firstError(validateChatRequest(chatWith(schema)))).toEqual(
      e11(
        "In context=(), 'required' is required to be supplied and to be an array including every key in properties. Missing 'unit'.",
      ),
    );
  });

  it('case 34: an extra required key', () => {
    const schema = closed({ city: { type: 'string' } }, ['city', 'x']);
    expect(firstError(validateChatRequest(chatWith(schema))).message).toMatch(
      /Extra required key 'x' supplied\.$/,
    );
  });

  it('case 35: a nested object without additionalProperties reports its context', () => {
    const location = { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] };
    expect(firstError(validateChatRequest(chatWith(closed({ location }))))).toEqual(
      e11(
        "In context=('properties', 'location'), 'additionalProperties' is required to be supplied and to be false.",
      ),
    );
  });

  it('case 36: oneOf is not permitted, anyOf is', () => {
    const branches = [{ type: 'string' }, { type: 'number' }];
    expect(firstError(validateChatRequest(chatWith(closed({ v: { oneOf: branches } }))))).toEqual(
      e11("In context=('properties', 'v'), 'oneOf' is not permitted."),
    );
    expect(validateChatRequest(chatWith(closed({ v: { anyOf: branches } }))).ok).toBe(true);
  });

  it('case 39: a bare object schema fails, a closed empty one passes', () => {
    const bare = firstError(validateChatRequest(chatWith({ type: 'object' })));
    expect(bare.code).toBe('invalid_function_parameters');
    expect(bare.param).toBe('tools[0].function.parameters');
    expect(validateChatRequest(chatWith(closed({})))).toMatchObject({ ok: true });
  });

  it('strict false or omitted is not held to the strict rules on Chat', () => {
    expect(validateChatRequest(chatWith({ type: 'object' }, false)).ok).toBe(true);
    expect(validateChatRequest(chatWith({ type: 'object' }, 'omit')).ok).toBe(true);
  });
});

describe('strict tools on Responses (E12)', () => {
  it('case 41: strict:true with an invalid schema', () => {
    expect(firstError(validateResponsesRequest(responsesWith({ type: 'object' }, true)))).toMatchObject({
      param: 'tools[0].parameters',
      code: 'invalid_function_parameters',
      message: expect.stringMatching(/^Invalid schema for function 'f': In context=\(\), /),
    });
  });

  it('tools.md#strict-default: an omitted strict is never rejected for strict-rule violations', () => {
    expect(validateResponsesRequest(responsesWith({ type: 'object' })).ok).toBe(true);
    expect(validateResponsesRequest(responsesWith({ type: 'object' }, false)).ok).toBe(true);
  });
});
