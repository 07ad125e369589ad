import { describe, expect, it } from 'vitest';
import { checkResponsesInputPairing } from './check-responses-input-pairing.js';
import { validateChatRequest } from './validate-chat-request.js';
import { validateResponsesRequest } from './validate-responses-request.js';

// The two complete examples of the function-calling guide (docs/protocol/guide.md), as the Python SDK
// puts them on the wire, turn 1 and turn 2 of each.
const parameters = {
  type: 'object',
  properties: { city: { type: 'string', description: '城市名,如:北京' } },
  required: ['city'],
  additionalProperties: false,
};
const question = { role: 'user', content: '北京天气怎么样?' };

describe('the guide’s Chat Completions example', () => {
  const tools = [
    {
      type: 'function',
      function: { name: 'get_weather', description: '获取指定城市的当前天气', parameters, strict: true },
    },
  ];

  it('turn 1 passes', () => {
    const body = { model: 'gpt-5.4', messages: [question], tools };
    expect(validateChatRequest(body)).toEqual({ ok: true, value: body });
  });

  it('turn 2, with the SDK message echoed back as it serializes, passes', () => {
    const echoed = {
      content: null,
      refusal: null,
      role: 'assistant',
      annotations: [],
      audio: null,
      function_call: null,
      tool_calls: [
        {
          id: 'call_JMW1whyEaYG438VE1OIflxA2',
          function: { arguments: '{"city":"北京"}', name: 'get_weather' },
          type: 'function',
        },
      ],
    };
    const result = {
      role: 'tool',
      tool_call_id: 'call_JMW1whyEaYG438VE1OIflxA2',
      content: '{"city": "北京", "temp": "26°C"}',
    };
    const body = { model: 'gpt-5.4', messages: [question, echoed, result], tools };
    expect(validateChatRequest(body)).toEqual({ ok: true, value: body });
  });

  it('turn 2 without the tool message is E1', () => {
    const echoed = {
      role: 'assistant',
      content: null,
      tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'get_weather', arguments: '{}' } }],
    };
    const result = validateChatRequest({ model: 'gpt-5.4', messages: [question, echoed], tools });
    expect(result.ok ? undefined : result.issues[0]?.code).toBe('unanswered_tool_calls');
  });
});

describe('the guide’s Responses example', () => {
  const tools = [
    { type: 'function', name: 'get_weather', description: '获取指定城市的当前天气', parameters },
  ];
  const call = {
    id: 'fc_68d9303fe7fc819ea999bda43617404203aa6e5a972b3b23',
    type: 'function_call',
    status: 'completed',
    arguments: '{"city":"北京"}',
    call_id: 'call_5dp5Uj0Loqn1YcyIpqSq6sLX',
    name: 'get_weather',
  };
  const turn2Input = [
    { type: 'function_call_output', call_id: call.call_id, output: '{"city": "北京", "temp": "26°C"}' },
  ];

  it('turn 1 passes', () => {
    const body = { model: 'gpt-5.4', input: '北京天气怎么样?', tools };
    expect(validateResponsesRequest(body)).toEqual({ ok: true, value: body });
  });

  it('turn 2 with previous_response_id passes, and pairs with the stored chain', () => {
    const body = {
      model: 'gpt-5.4',
      previous_response_id: 'resp_68d9303e0ef4819e9abaed38fac5de4f03aa6e5a972b3b23',
      input: turn2Input,
      tools,
    };
    expect(validateResponsesRequest(body)).toEqual({ ok: true, value: body });
    const storedUser = {
      type: 'message',
      id: 'msg_1',
      role: 'user',
      content: [{ type: 'input_text', text: '北京天气怎么样?' }],
    };
    expect(checkResponsesInputPairing({ prior: [storedUser, call], input: turn2Input })).toEqual([]);
  });

  it('the stateless variant (input += response.output) passes', () => {
    const reasoning = { id: 'rs_1', type: 'reasoning', summary: [] };
    const body = { model: 'gpt-5.4', input: [question, reasoning, call, ...turn2Input], tools, store: false };
    expect(validateResponsesRequest(body).ok).toBe(true);
  });
});
