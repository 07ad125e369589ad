import { describe, expect, it } from 'vitest';
import { validateResponsesRequest } from './validate-responses-request.js';
import { error, firstError, weatherSchema } from './validation-test-kit.case.js';

function tool(name = 'get_weather', extra: Record<string, unknown> = {}) {
  return { type: 'function', name, parameters: weatherSchema, ...extra };
}

function responses(extra: Record<string, unknown> = {}) {
  return { model: 'gpt-5.4', input: 'Weather in Paris?', ...extra };
}

describe('validateResponsesRequest: tool definitions', () => {
  it('case 8 / E5: a nested Chat tool gets OpenAI’s error plus the flat shape hint', () => {
    const body = responses({
      tools: [{ type: 'function', function: { name: 'get_weather', parameters: weatherSchema } }],
    });
    expect(firstError(validateResponsesRequest(body))).toEqual(
      error(
        'Missing required parameter: \'tools[0].name\'. /v1/responses expects flat tools: {"type":"function","name":…,"parameters":…}; the nested shape {"type":"function","function":{"name":…}} is for /v1/chat/completions.',
        'tools[0].name',
        'missing_required_parameter',
      ),
    );
  });

  it('case 9 / E6 at tools[0].name', () => {
    expect(firstError(validateResponsesRequest(responses({ tools: [tool('get.weather')] })))).toEqual(
      error(
        "Invalid 'tools[0].name': string does not match pattern. Expected a string that matches the pattern '^[a-zA-Z0-9_-]+$'.",
        'tools[0].name',
        'invalid_value',
      ),
    );
  });

  it('case 10 / E7 at tools[0].name', () => {
    const body = responses({ tools: [tool('n'.repeat(65))] });
    expect(firstError(validateResponsesRequest(body, { maxToolNameLength: 64 }))).toEqual(
      error(
        "Invalid 'tools[0].name': string too long. Expected a string with maximum length 64, but got a string with length 65 instead.",
        'tools[0].name',
        'string_above_max_length',
      ),
    );
  });

  it('case 11 / E8: 129 tools rejected, 128 accepted; an empty list is fine', () => {
    const tools = (count: number) => Array.from({ length: count }, (_, index) => tool(`tool_${index}`));
    expect(firstError(validateResponsesRequest(responses({ tools: tools(129) })))).toEqual(
      error(
        "Invalid 'tools': array too long. Expected an array with maximum length 128, but got an array with length 129 instead.",
        'tools',
        'array_above_max_length',
      ),
    );
    expect(validateResponsesRequest(responses({ tools: tools(128) })).ok).toBe(true);
    expect(validateResponsesRequest(responses({ tools: [] })).ok).toBe(true);
  });

  it('duplicate names and hosted tools', () => {
    expect(firstError(validateResponsesRequest(responses({ tools: [tool(), tool()] }))).param).toBe(
      'tools[1].name',
    );
    expect(firstError(validateResponsesRequest(responses({ tools: [{ type: 'web_search' }] })))).toEqual(
      error(
        'Unsupported value: \'tools[0].type\' does not support \'web_search\' on this gateway. This gateway handles function tools only: {"type":"function",…}.',
        'tools[0].type',
        'unsupported_value',
      ),
    );
    expect(firstError(validateResponsesRequest(responses({ tools: [{ type: 'bogus' }] }))).code).toBe(
      'invalid_value',
    );
  });
});

describe('validateResponsesRequest: top-level parameters', () => {
  it('case 47: max_output_tokens below 16', () => {
    expect(firstError(validateResponsesRequest(responses({ max_output_tokens: 5 })))).toEqual(
      error(
        "Invalid 'max_output_tokens': integer below minimum value. Expected a value >= 16, but got 5 instead.",
        'max_output_tokens',
        'integer_below_min_value',
      ),
    );
    expect(validateResponsesRequest(responses({ max_output_tokens: 16 })).ok).toBe(true);
  });

  it('case 56: a previous_response_id without the resp prefix', () => {
    expect(firstError(validateResponsesRequest(responses({ previous_response_id: 'gen-123' })))).toEqual(
      error(
        "Invalid 'previous_response_id': 'gen-123'. Expected an ID that begins with 'resp'.",
        'previous_response_id',
        'invalid_id_prefix',
      ),
    );
  });

  it('a previous_response_id with illegal characters', () => {
    expect(firstError(validateResponsesRequest(responses({ previous_response_id: '@x' })))).toEqual(
      error(
        "Invalid 'previous_response_id': '@x'. Expected an ID that contains letters, numbers, underscores, or dashes, but this value contained additional characters.",
        'previous_response_id',
        'invalid_value',
      ),
    );
  });

  it('case 58: previous_response_id together with conversation', () => {
    const body = responses({ previous_response_id: 'resp_abc', conversation: 'conv_123' });
    expect(firstError(validateResponsesRequest(body))).toEqual(
      error(
        "Mutually exclusive parameters: Ensure you are only providing one of: 'previous_response_id' or 'conversation'. A response continues either a previous response or a conversation, not both.",
        null,
        'mutually_exclusive_parameters',
      ),
    );
  });

  it('metadata limits', () => {
    const many = Object.fromEntries(Array.from({ length: 17 }, (_, index) => [`k${index}`, 'v']));
    expect(firstError(validateResponsesRequest(responses({ metadata: many }))).code).toBe(
      'object_above_max_properties',
    );
    expect(firstError(validateResponsesRequest(responses({ metadata: { k: 'v'.repeat(513) } })))).toEqual(
      error(
        "Invalid 'metadata.k': string too long. Expected a string with maximum length 512, but got a string with length 513 instead.",
        'metadata.k',
        'string_above_max_length',
      ),
    );
    expect(
      firstError(validateResponsesRequest(responses({ metadata: { ['k'.repeat(65)]: 'v' } }))).param,
    ).toBe('metadata');
    expect(validateResponsesRequest(responses({ metadata: { ['k'.repeat(64)]: 'v'.repeat(512) } })).ok).toBe(
      true,
    );
  });

  it('stream_options without stream, parallel_tool_calls without tools', () => {
    const body = responses({ stream_options: { include_obfuscation: false } });
    expect(firstError(validateResponsesRequest(body)).message).toBe(
      "The 'stream_options' parameter is only allowed when 'stream' is enabled.",
    );
    expect(firstError(validateResponsesRequest(responses({ parallel_tool_calls: true }))).param).toBe(
      'parallel_tool_calls',
    );
  });

  it('a missing model, an unknown parameter, a Chat parameter', () => {
    expect(firstError(validateResponsesRequest({ input: 'hi' }))).toEqual(
      error('you must provide a model parameter', null, null),
    );
    expect(firstError(validateResponsesRequest(responses({ zzz: true })))).toEqual(
      error("Unknown parameter: 'zzz'.", 'zzz', 'unknown_parameter'),
    );
    expect(firstError(validateResponsesRequest(responses({ messages: [] })))).toEqual(
      error(
        "Unknown parameter: 'messages'. 'messages' is a /v1/chat/completions parameter; /v1/responses takes 'input' (a string or an array of items) and 'instructions'.",
        'messages',
        'unknown_parameter',
      ),
    );
  });

  it('accepts every documented parameter of the current SDK', () => {
    const body = responses({
      background: false,
      context_management: [{ type: 'compaction', compact_threshold: 1000 }],
      include: ['reasoning.encrypted_content'],
      instructions: 'Be brief.',
      max_output_tokens: 256,
      max_tool_calls: 3,
      metadata: { team: 'a' },
      moderation: null,
      parallel_tool_calls: true,
      previous_response_id: 'resp_68d9303e0ef4819e9abaed38fac5de4f03aa6e5a972b3b23',
      prompt: null,
      prompt_cache_key: 'k',
      prompt_cache_retention: 'in_memory',
      reasoning: { effort: 'low' },
      safety_identifier: 'u',
      service_tier: 'auto',
      store: true,
      stream: true,
      stream_options: { include_obfuscation: false },
      temperature: 1,
      text: { format: { type: 'text' }, verbosity: 'low' },
      tool_choice: 'auto',
      tools: [tool('get_weather', { strict: true, description: 'Weather.' })],
      top_logprobs: 0,
      top_p: 1,
      truncation: 'disabled',
      user: 'u',
    });
    expect(validateResponsesRequest(body)).toEqual({ ok: true, value: body });
  });
});
