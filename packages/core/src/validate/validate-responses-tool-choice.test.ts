import { describe, expect, it } from 'vitest';
import { validateResponsesRequest } from './validate-responses-request.js';
import { error, firstError, weatherSchema } from './validation-test-kit.case.js';

function tool(name = 'get_weather', extra: Record<string, unknown> = {}) {
  return { type: 'function', name, parameters: weatherSchema, ...extra };
}

function responses(extra: Record<string, unknown> = {}) {
  return { model: 'gpt-5.4', input: 'Weather in Paris?', ...extra };
}

describe('validateResponsesRequest: tool_choice', () => {
  it('case 12 / E9 on Responses too', () => {
    expect(firstError(validateResponsesRequest(responses({ tool_choice: 'required' })))).toEqual(
      error(
        "Invalid value for 'tool_choice': 'tool_choice' is only allowed when 'tools' are specified.",
        'tool_choice',
        null,
      ),
    );
  });

  it('case 15 / E10: a forced function not in tools', () => {
    const body = responses({ tools: [tool()], tool_choice: { type: 'function', name: 'nope' } });
    expect(firstError(validateResponsesRequest(body))).toEqual(
      error("Tool choice 'nope' not found in 'tools' parameter.", 'tool_choice', null),
    );
  });

  it('a Chat-shaped named choice gets OpenAI’s error plus a hint', () => {
    const body = responses({
      tools: [tool()],
      tool_choice: { type: 'function', function: { name: 'get_weather' } },
    });
    expect(firstError(validateResponsesRequest(body))).toEqual(
      error(
        'Missing required parameter: \'tool_choice.name\'. /v1/responses expects {"type":"function","name":…}; the nested {"type":"function","function":{"name":…}} is for /v1/chat/completions.',
        'tool_choice.name',
        'missing_required_parameter',
      ),
    );
  });

  it('case 16: a valid allowed_tools choice passes and is kept verbatim', () => {
    const choice = {
      type: 'allowed_tools',
      mode: 'auto',
      tools: [{ type: 'function', name: 'get_weather' }],
    };
    const body = responses({ tools: [tool(), tool('get_time')], tool_choice: choice });
    const result = validateResponsesRequest(body);
    expect(result).toEqual({ ok: true, value: body });
    expect(result.ok && result.value.tool_choice).toBe(choice);
  });

  it('allowed_tools: Chat-shaped, Chat-shaped entries, unknown names', () => {
    const withChoice = (choice: unknown) => responses({ tools: [tool()], tool_choice: choice });
    const nested = {
      type: 'allowed_tools',
      allowed_tools: { mode: 'auto', tools: [{ type: 'function', function: { name: 'get_weather' } }] },
    };
    expect(firstError(validateResponsesRequest(withChoice(nested)))).toEqual(
      error(
        'Missing required parameter: \'tool_choice.tools\'. /v1/responses expects {"type":"allowed_tools","mode":"auto"|"required","tools":[{"type":"function","name":…}]}; the nested {"type":"allowed_tools","allowed_tools":{…}} is for /v1/chat/completions.',
        'tool_choice.tools',
        'missing_required_parameter',
      ),
    );
    const nestedEntry = {
      type: 'allowed_tools',
      mode: 'auto',
      tools: [{ type: 'function', function: { name: 'x' } }],
    };
    expect(firstError(validateResponsesRequest(withChoice(nestedEntry)))).toEqual(
      error(
        'Missing required parameter: \'tool_choice.tools[0].name\'. /v1/responses names allowed tools as {"type":"function","name":…}; {"type":"function","function":{"name":…}} is the /v1/chat/completions form.',
        'tool_choice.tools[0].name',
        'missing_required_parameter',
      ),
    );
    const unknown = {
      type: 'allowed_tools',
      mode: 'required',
      tools: [{ type: 'function', name: 'get_stock' }],
    };
    expect(firstError(validateResponsesRequest(withChoice(unknown)))).toEqual(
      error(
        "Invalid value for 'tool_choice.tools[0]': allowed tool 'get_stock' not found in 'tools' parameter. Define it in 'tools' or remove it from 'allowed_tools'.",
        'tool_choice.tools[0]',
        'invalid_value',
      ),
    );
  });
});
