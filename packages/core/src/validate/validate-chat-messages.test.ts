import { describe, expect, it } from 'vitest';
import { validateChatRequest } from './validate-chat-request.js';
import { error, firstError } from './validation-test-kit.case.js';

const tools = [
  {
    type: 'function',
    function: {
      name: 'get_weather',
      parameters: {
        type: 'object',
        properties: { city: { type: 'string' } },
        required: ['city'],
        additionalProperties: false,
      },
      strict: true,
    },
  },
];

function call(id: string, city = 'Paris') {
  return { id, type: 'function', function: { name: 'get_weather', arguments: JSON.stringify({ city }) } };
}

function withMessages(messages: unknown[]) {
  return { model: 'gpt-5.4', messages, tools };
}

const user = { role: 'user', content: 'Weather in Paris and Oslo?' };

describe('validateChatRequest: pairing (E1–E3)', () => {
  it('case 17 / E1: an unanswered call; N is the assistant message', () => {
    const body = withMessages([user, { role: 'assistant', content: null, tool_calls: [call('call_A1')] }]);
    expect(firstError(validateChatRequest(body))).toEqual(
      error(
        "An assistant message with 'tool_calls' must be followed by tool messages responding to each 'tool_call_id'. The following tool_call_ids did not have response messages: call_A1",
        'messages.[1].role',
        null,
      ),
    );
  });

  it('case 18 / E1: two calls, one answered, lists only the missing id', () => {
    const body = withMessages([
      user,
      { role: 'assistant', content: null, tool_calls: [call('call_A1'), call('call_B2', 'Oslo')] },
      { role: 'tool', tool_call_id: 'call_A1', content: '18C sunny' },
    ]);
    expect(firstError(validateChatRequest(body)).message).toMatch(/did not have response messages: call_B2$/);
  });

  it('case 19 / E2: a tool message first in history', () => {
    const body = withMessages([{ role: 'tool', tool_call_id: 'call_A1', content: '18C' }, user]);
    expect(firstError(validateChatRequest(body))).toEqual(
      error(
        "Invalid parameter: messages with role 'tool' must be a response to a preceeding message with 'tool_calls'.",
        'messages.[0].role',
        null,
      ),
    );
  });

  it('case 20 / E3: a tool_call_id not among the previous calls', () => {
    const body = withMessages([
      user,
      { role: 'assistant', content: null, tool_calls: [call('call_A1')] },
      { role: 'tool', tool_call_id: 'call_A1', content: '18C' },
      { role: 'tool', tool_call_id: 'call_XXX', content: '9C' },
    ]);
    expect(firstError(validateChatRequest(body))).toEqual(
      error(
        "Invalid parameter: 'tool_call_id' of 'call_XXX' not found in 'tool_calls' of previous message.",
        'messages.[3].role',
        null,
      ),
    );
  });

  it('case 21: a full round trip with null content and text-part tool content passes', () => {
    const body = withMessages([
      { role: 'system', content: 'You are helpful.' },
      user,
      { role: 'assistant', content: null, tool_calls: [call('call_A1'), call('call_B2', 'Oslo')] },
      { role: 'tool', tool_call_id: 'call_A1', content: '18C sunny' },
      { role: 'tool', tool_call_id: 'call_B2', content: [{ type: 'text', text: '9C rain' }] },
    ]);
    expect(validateChatRequest(body)).toEqual({ ok: true, value: body });
  });

  it('structure is reported before pairing, and pairing waits for well-formed messages', () => {
    const unanswered = [user, { role: 'assistant', content: null, tool_calls: [call('call_A1')] }];
    const result = validateChatRequest({ ...withMessages(unanswered), tools: [{ type: 'function' }] });
    expect(result.ok ? [] : result.issues.map((issue) => issue.code)).toEqual([
      'missing_required_parameter',
      'unanswered_tool_calls',
    ]);
    const broken = validateChatRequest(withMessages([...unanswered, { role: 'bogus' }]));
    expect(broken.ok ? [] : broken.issues.map((issue) => issue.code)).toEqual(['invalid_value']);
  });
});

describe('validateChatRequest: message shapes', () => {
  it('the role enum (chat-completions.md#messages)', () => {
    expect(firstError(validateChatRequest(withMessages([{ role: 'bogus', content: 'x' }])))).toEqual(
      error(
        "Invalid value: 'bogus'. Supported values are: 'system', 'assistant', 'user', 'function', 'tool', and 'developer'.",
        'messages[0].role',
        'invalid_value',
      ),
    );
  });

  it('case 22: a tool message with an image part', () => {
    const body = withMessages([
      user,
      { role: 'assistant', content: null, tool_calls: [call('call_A1')] },
      {
        role: 'tool',
        tool_call_id: 'call_A1',
        content: [{ type: 'image_url', image_url: { url: 'https://x' } }],
      },
    ]);
    expect(firstError(validateChatRequest(body))).toEqual(
      error(
        "Invalid value: 'image_url'. Supported values are: 'text'.",
        'messages[2].content[0].type',
        'invalid_value',
      ),
    );
  });

  it('an empty content array on a tool message', () => {
    const body = withMessages([
      user,
      { role: 'assistant', content: null, tool_calls: [call('call_A1')] },
      { role: 'tool', tool_call_id: 'call_A1', content: [] },
    ]);
    expect(firstError(validateChatRequest(body)).code).toBe('empty_array');
  });

  it('an empty tool_calls array on an assistant message, as OpenAI rejects it', () => {
    const body = withMessages([user, { role: 'assistant', content: 'ok', tool_calls: [] }]);
    expect(firstError(validateChatRequest(body))).toEqual(
      error(
        "Invalid 'messages[1].tool_calls': empty array. Expected an array with minimum length 1, but got an empty array instead.",
        'messages[1].tool_calls',
        'empty_array',
      ),
    );
  });

  it('function names echoed in history are held to E6 and E7', () => {
    const bad = { id: 'call_1', type: 'function', function: { name: 'get weather', arguments: '{}' } };
    const body = withMessages([user, { role: 'assistant', content: null, tool_calls: [bad] }]);
    expect(firstError(validateChatRequest(body))).toEqual(
      error(
        "Invalid 'messages[1].tool_calls[0].function.name': string does not match pattern. Expected a string that matches the pattern '^[a-zA-Z0-9_-]+$'.",
        'messages[1].tool_calls[0].function.name',
        'invalid_value',
      ),
    );
    const long = { id: 'call_1', type: 'function', function: { name: 'x'.repeat(70), arguments: '{}' } };
    const longBody = withMessages([user, { role: 'assistant', content: null, tool_calls: [long] }]);
    expect(firstError(validateChatRequest(longBody, { maxToolNameLength: 64 }))).toEqual(
      error(
        "Invalid 'messages[1].tool_calls[0].function.name': string too long. Expected a string with maximum length 64, but got a string with length 70 instead.",
        'messages[1].tool_calls[0].function.name',
        'string_above_max_length',
      ),
    );
  });

  it('messages[i].name follows the name pattern', () => {
    expect(
      firstError(validateChatRequest(withMessages([{ role: 'user', name: 'a b', content: 'x' }]))).param,
    ).toBe('messages[0].name');
  });

  it('an assistant message with neither content nor tool_calls', () => {
    expect(firstError(validateChatRequest(withMessages([user, { role: 'assistant' }])))).toEqual(
      error(
        "Missing required parameter: 'messages[1].content'.",
        'messages[1].content',
        'missing_required_parameter',
      ),
    );
  });

  it('an echoed refusal message (content null, refusal set) passes', () => {
    const body = withMessages([user, { role: 'assistant', content: null, refusal: 'I cannot help.' }, user]);
    expect(validateChatRequest(body).ok).toBe(true);
  });
});

describe('validateChatRequest: Responses shapes sent to Chat', () => {
  it('a function_call_output item names the tool message to send instead', () => {
    const body = withMessages([
      user,
      { role: 'assistant', content: null, tool_calls: [call('call_A1')] },
      { type: 'function_call_output', call_id: 'call_A1', output: '18C' },
    ]);
    expect(firstError(validateChatRequest(body))).toEqual(
      error(
        'Missing required parameter: \'messages[2].role\'. function_call_output items belong to /v1/responses; /v1/chat/completions takes tool results as {"role":"tool","tool_call_id":…,"content":…}.',
        'messages[2].role',
        'missing_required_parameter',
      ),
    );
  });

  it('a function_call item names the assistant tool_calls to send instead', () => {
    const body = withMessages([
      user,
      { type: 'function_call', call_id: 'call_A1', name: 'get_weather', arguments: '{}' },
    ]);
    expect(firstError(validateChatRequest(body)).message).toBe(
      'Missing required parameter: \'messages[1].role\'. function_call items belong to /v1/responses; /v1/chat/completions takes calls in an assistant message: {"role":"assistant","tool_calls":[{"id":…,"type":"function","function":{"name":…,"arguments":…}}]}.',
    );
  });

  it('call_id instead of tool_call_id', () => {
    const body = withMessages([
      user,
      { role: 'assistant', content: null, tool_calls: [call('call_A1')] },
      { role: 'tool', call_id: 'call_A1', content: '18C' },
    ]);
    expect(firstError(validateChatRequest(body))).toEqual(
      error(
        "Missing required parameter: 'messages[2].tool_call_id'. /v1/chat/completions pairs a tool message with its call by 'tool_call_id' (the id of the assistant's tool call); 'call_id' is the /v1/responses field.",
        'messages[2].tool_call_id',
        'missing_required_parameter',
      ),
    );
  });

  it('a flat function_call inside tool_calls', () => {
    const flat = { call_id: 'call_A1', name: 'get_weather', arguments: '{}' };
    const body = withMessages([user, { role: 'assistant', content: null, tool_calls: [flat] }]);
    expect(firstError(validateChatRequest(body))).toEqual(
      error(
        'Missing required parameter: \'messages[1].tool_calls[0].id\'. /v1/chat/completions tool_calls entries are nested: {"id":…,"type":"function","function":{"name":…,"arguments":…}}; the flat {"call_id":…,"name":…} is a /v1/responses function_call item.',
        'messages[1].tool_calls[0].id',
        'missing_required_parameter',
      ),
    );
  });

  it('an input_text part names the Chat part type', () => {
    const body = withMessages([{ role: 'user', content: [{ type: 'input_text', text: 'hi' }] }]);
    expect(firstError(validateChatRequest(body))).toEqual(
      error(
        "Invalid value: 'input_text'. Supported values are: 'text', 'image_url', 'input_audio', and 'file'. /v1/chat/completions content parts use type 'text' (and 'image_url' for users); 'input_text' and 'output_text' are /v1/responses part types.",
        'messages[0].content[0].type',
        'invalid_value',
      ),
    );
  });
});
