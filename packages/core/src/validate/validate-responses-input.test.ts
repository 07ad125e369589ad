import { describe, expect, it } from 'vitest';
import { validateResponsesRequest } from './validate-responses-request.js';
import { error, firstError } from './validation-test-kit.case.js';

const tools = [{ type: 'function', name: 'get_weather', parameters: { type: 'object', properties: {} } }];

function withInput(input: unknown[], extra: Record<string, unknown> = {}) {
  return { model: 'gpt-5.4', input, tools, ...extra };
}

const user = { role: 'user', content: 'Weather in Paris?' };
const functionCall = {
  type: 'function_call',
  id: 'fc_68d9303fe7fc819ea999bda43617404203aa6e5a972b3b23',
  call_id: 'call_5dp5Uj0Loqn1YcyIpqSq6sLX',
  name: 'get_weather',
  arguments: '{"city":"Paris"}',
  status: 'completed',
};
const functionOutput = {
  type: 'function_call_output',
  call_id: 'call_5dp5Uj0Loqn1YcyIpqSq6sLX',
  output: '18C sunny',
};

describe('validateResponsesRequest: echoed output items pass', () => {
  it('case 52: a stateless replay with reasoning, function_call id/status and its output', () => {
    const reasoning = { type: 'reasoning', id: 'rs_1', summary: [], encrypted_content: 'gAAA' };
    const body = withInput([user, reasoning, functionCall, functionOutput], { store: false });
    expect(validateResponsesRequest(body)).toEqual({ ok: true, value: body });
  });

  it('an output message with id, status, annotations and logprobs, and item references', () => {
    const message = {
      type: 'message',
      id: 'msg_1',
      role: 'assistant',
      status: 'completed',
      content: [{ type: 'output_text', text: '18C and sunny.', annotations: [], logprobs: [] }],
    };
    const body = withInput([
      user,
      message,
      { role: 'assistant', content: 'easy form' },
      { type: 'item_reference', id: 'msg_0' },
      { id: 'msg_00' },
      { role: 'user', content: [{ type: 'input_text', text: 'And Oslo?' }] },
    ]);
    expect(validateResponsesRequest(body).ok).toBe(true);
  });

  it('function_call_output with an array of parts', () => {
    const output = { ...functionOutput, output: [{ type: 'input_text', text: '18C' }] };
    expect(validateResponsesRequest(withInput([user, functionCall, output])).ok).toBe(true);
  });
});

describe('validateResponsesRequest: input shapes', () => {
  it('assistant content parts must be output_text or refusal (responses.md#input-items)', () => {
    const body = withInput([user, { role: 'assistant', content: [{ type: 'input_text', text: 'hi' }] }]);
    expect(firstError(validateResponsesRequest(body))).toEqual(
      error(
        "Invalid value: 'input_text'. Supported values are: 'output_text' and 'refusal'.",
        'input[1].content[0].type',
        'invalid_value',
      ),
    );
  });

  it('a Chat text part names the Responses part types', () => {
    const body = withInput([{ role: 'user', content: [{ type: 'text', text: 'hi' }] }]);
    expect(firstError(validateResponsesRequest(body)).message).toBe(
      "Invalid value: 'text'. Supported values are: 'input_text', 'input_image', and 'input_file'. /v1/responses content parts use 'input_text' (user, system, developer) or 'output_text' (assistant); 'text' is the /v1/chat/completions part type.",
    );
  });

  it('function names echoed in input are held to E6/E7 at input[i].name', () => {
    const body = withInput([user, { ...functionCall, name: 'get weather' }, functionOutput]);
    expect(firstError(validateResponsesRequest(body))).toEqual(
      error(
        "Invalid 'input[1].name': string does not match pattern. Expected a string that matches the pattern '^[a-zA-Z0-9_-]+$'.",
        'input[1].name',
        'invalid_value',
      ),
    );
    const long = withInput([user, { ...functionCall, name: 'n'.repeat(129) }, functionOutput]);
    expect(firstError(validateResponsesRequest(long)).code).toBe('string_above_max_length');
  });

  it('input of the wrong JSON type', () => {
    expect(firstError(validateResponsesRequest({ model: 'gpt-5.4', input: 3 }))).toEqual(
      error(
        "Invalid type for 'input': expected one of a string or array of objects, but got an integer instead.",
        'input',
        'invalid_type',
      ),
    );
  });

  it('item types OpenAI knows but this gateway does not handle, and unknown ones', () => {
    const computer = withInput([{ type: 'computer_call_output', call_id: 'c', output: {} }]);
    expect(firstError(validateResponsesRequest(computer)).code).toBe('unsupported_value');
    expect(firstError(validateResponsesRequest(withInput([{ type: 'bogus' }]))).param).toBe('input[0].type');
  });
});

describe('validateResponsesRequest: Chat shapes sent to Responses', () => {
  it('a role "tool" message names the function_call_output item', () => {
    const body = withInput([
      user,
      functionCall,
      { role: 'tool', tool_call_id: functionCall.call_id, content: '18C' },
    ]);
    expect(firstError(validateResponsesRequest(body))).toEqual(
      error(
        "Invalid value: 'tool'. Supported values are: 'user', 'assistant', 'system', and 'developer'. /v1/responses has no 'tool' role: send a tool result as {\"type\":\"function_call_output\",\"call_id\":…,\"output\":…}, with the call_id of its function_call item.",
        'input[2].role',
        'invalid_value',
      ),
    );
  });

  it('an assistant message with tool_calls names the function_call item', () => {
    const chatCall = { id: 'call_1', type: 'function', function: { name: 'get_weather', arguments: '{}' } };
    const body = withInput([user, { role: 'assistant', content: null, tool_calls: [chatCall] }]);
    expect(firstError(validateResponsesRequest(body))).toEqual(
      error(
        'Unknown parameter: \'input[1].tool_calls\'. /v1/responses messages carry no \'tool_calls\': send each call as its own item {"type":"function_call","call_id":…,"name":…,"arguments":…}.',
        'input[1].tool_calls',
        'unknown_parameter',
      ),
    );
  });

  it('tool_call_id instead of call_id on a function_call_output', () => {
    const body = withInput([
      user,
      functionCall,
      { type: 'function_call_output', tool_call_id: 'x', output: '18C' },
    ]);
    expect(firstError(validateResponsesRequest(body))).toEqual(
      error(
        "Missing required parameter: 'input[2].call_id'. /v1/responses pairs a function_call_output with its call by 'call_id' (from the function_call item); 'tool_call_id' is the /v1/chat/completions field.",
        'input[2].call_id',
        'missing_required_parameter',
      ),
    );
  });

  it('content instead of output on a function_call_output', () => {
    const body = withInput([
      user,
      functionCall,
      { type: 'function_call_output', call_id: functionCall.call_id, content: 'x' },
    ]);
    expect(firstError(validateResponsesRequest(body)).message).toBe(
      'Missing required parameter: \'input[2].output\'. /v1/responses carries a tool result in \'output\': {"type":"function_call_output","call_id":…,"output":…}; \'content\' is the /v1/chat/completions tool-message field.',
    );
  });

  it('a Chat tool_calls entry pasted as a function_call item', () => {
    const nested = {
      type: 'function_call',
      id: 'call_1',
      function: { name: 'get_weather', arguments: '{}' },
    };
    expect(firstError(validateResponsesRequest(withInput([user, nested])))).toEqual(
      error(
        'Missing required parameter: \'input[1].call_id\'. /v1/responses function_call items are flat: {"type":"function_call","call_id":…,"name":…,"arguments":…}; the nested {"id":…,"function":{…}} is a /v1/chat/completions tool_calls entry.',
        'input[1].call_id',
        'missing_required_parameter',
      ),
    );
  });
});

describe('validateResponsesRequest: pairing of a self-contained input', () => {
  it('case 51 / E14: an output with no call', () => {
    expect(firstError(validateResponsesRequest(withInput([functionOutput])))).toEqual(
      error(
        'No tool call found for function call output with call_id call_5dp5Uj0Loqn1YcyIpqSq6sLX.',
        'input',
        null,
      ),
    );
  });

  it('E13: a call with no output', () => {
    expect(firstError(validateResponsesRequest(withInput([user, functionCall])))).toEqual(
      error('No tool output found for function call call_5dp5Uj0Loqn1YcyIpqSq6sLX.', 'input', null),
    );
  });

  it('E15: an item id repeated within input', () => {
    const body = withInput([user, functionCall, functionOutput, functionCall, functionOutput]);
    expect(firstError(validateResponsesRequest(body))).toEqual(
      error(
        'Duplicate item found with id fc_68d9303fe7fc819ea999bda43617404203aa6e5a972b3b23. Remove duplicate items from your input and try again.',
        'input',
        null,
      ),
    );
  });

  it('with previous_response_id an output may answer a call of the chain, so E14 is left to the gateway', () => {
    const body = withInput([functionOutput], { previous_response_id: 'resp_1' });
    expect(validateResponsesRequest(body).ok).toBe(true);
    const unanswered = withInput([functionCall], { previous_response_id: 'resp_1' });
    expect(firstError(validateResponsesRequest(unanswered)).message).toBe(
      'No tool output found for function call call_5dp5Uj0Loqn1YcyIpqSq6sLX.',
    );
  });
});
