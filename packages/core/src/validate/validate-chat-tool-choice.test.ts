import { describe, expect, it } from 'vitest';
import { validateChatRequest } from './validate-chat-request.js';
import { error, firstError, weatherSchema } from './validation-test-kit.case.js';

function tool(name = 'get_weather', extra: Record<string, unknown> = {}) {
  return { type: 'function', function: { name, parameters: weatherSchema, ...extra } };
}

function chat(extra: Record<string, unknown> = {}) {
  return { model: 'gpt-5.4', messages: [{ role: 'user', content: 'Weather in Paris?' }], ...extra };
}

describe('validateChatRequest: tool_choice and parallel_tool_calls', () => {
  it('case 12 / E9: tool_choice without tools', () => {
    expect(firstError(validateChatRequest(chat({ tool_choice: 'auto' })))).toEqual(
      error(
        "Invalid value for 'tool_choice': 'tool_choice' is only allowed when 'tools' are specified.",
        'tool_choice',
        null,
      ),
    );
  });

  it('parallel_tool_calls without tools', () => {
    expect(firstError(validateChatRequest(chat({ parallel_tool_calls: false })))).toEqual(
      error(
        "Invalid value for 'parallel_tool_calls': 'parallel_tool_calls' is only allowed when 'tools' are specified.",
        'parallel_tool_calls',
        null,
      ),
    );
  });

  it('case 13: an unknown tool_choice string', () => {
    expect(firstError(validateChatRequest(chat({ tools: [tool()], tool_choice: 'bogus' })))).toEqual(
      error(
        "Invalid value: 'bogus'. Supported values are: 'none', 'auto', and 'required'.",
        'tool_choice',
        'invalid_value',
      ),
    );
  });

  it('tool_choice of the wrong JSON type (OpenAI’s doubled wording)', () => {
    expect(firstError(validateChatRequest(chat({ tools: [tool()], tool_choice: 3 })))).toEqual(
      error(
        "Invalid type for 'tool_choice': expected one of one of 'none', 'auto', or 'required' or object, but got an integer instead.",
        'tool_choice',
        'invalid_type',
      ),
    );
  });

  it('case 14: a named choice without a function name', () => {
    const body = chat({ tools: [tool()], tool_choice: { type: 'function', function: {} } });
    expect(firstError(validateChatRequest(body))).toEqual(
      error(
        "Missing required parameter: 'tool_choice.function.name'.",
        'tool_choice.function.name',
        'missing_required_parameter',
      ),
    );
  });

  it('a Responses-shaped named choice gets OpenAI’s error plus a hint', () => {
    const body = chat({ tools: [tool()], tool_choice: { type: 'function', name: 'get_weather' } });
    expect(firstError(validateChatRequest(body))).toEqual(
      error(
        'Missing required parameter: \'tool_choice.function\'. /v1/chat/completions expects {"type":"function","function":{"name":…}}; the flat {"type":"function","name":…} is for /v1/responses.',
        'tool_choice.function',
        'missing_required_parameter',
      ),
    );
  });

  it('E10 wording for a forced function missing from tools, quoting its name', () => {
    const body = chat({ tools: [tool()], tool_choice: { type: 'function', function: { name: 'get_time' } } });
    expect(firstError(validateChatRequest(body))).toEqual(
      error("Tool choice 'get_time' not found in 'tools' parameter.", 'tool_choice', null),
    );
  });

  it('Chat allowed_tools: valid, Responses-shaped, flat entries and unknown names', () => {
    const allowed = (value: unknown) => chat({ tools: [tool(), tool('get_time')], tool_choice: value });
    const valid = {
      type: 'allowed_tools',
      allowed_tools: { mode: 'required', tools: [{ type: 'function', function: { name: 'get_weather' } }] },
    };
    expect(validateChatRequest(allowed(valid)).ok).toBe(true);
    const flat = { type: 'allowed_tools', mode: 'auto', tools: [{ type: 'function', name: 'get_weather' }] };
    expect(firstError(validateChatRequest(allowed(flat)))).toEqual(
      error(
        'Missing required parameter: \'tool_choice.allowed_tools\'. /v1/chat/completions expects {"type":"allowed_tools","allowed_tools":{"mode":"auto"|"required","tools":[{"type":"function","function":{"name":…}}]}}; the flat {"type":"allowed_tools","mode":…,"tools":[…]} is for /v1/responses.',
        'tool_choice.allowed_tools',
        'missing_required_parameter',
      ),
    );
    const flatEntry = {
      type: 'allowed_tools',
      allowed_tools: { mode: 'auto', tools: [{ type: 'function', name: 'a' }] },
    };
    expect(firstError(validateChatRequest(allowed(flatEntry)))).toEqual(
      error(
        'Missing required parameter: \'tool_choice.allowed_tools.tools[0].function\'. /v1/chat/completions names allowed tools as {"type":"function","function":{"name":…}}; {"type":"function","name":…} is the /v1/responses form.',
        'tool_choice.allowed_tools.tools[0].function',
        'missing_required_parameter',
      ),
    );
    const unknown = {
      type: 'allowed_tools',
      allowed_tools: { mode: 'auto', tools: [{ type: 'function', function: { name: 'get_stock' } }] },
    };
    expect(firstError(validateChatRequest(allowed(unknown)))).toEqual(
      error(
        "Invalid value for 'tool_choice.allowed_tools.tools[0]': allowed tool 'get_stock' not found in 'tools' parameter. Define it in 'tools' or remove it from 'allowed_tools'.",
        'tool_choice.allowed_tools.tools[0]',
        'invalid_value',
      ),
    );
  });
});
