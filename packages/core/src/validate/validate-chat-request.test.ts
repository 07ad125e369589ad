import { describe, expect, it } from 'vitest';
import { validateChatRequest } from './validate-chat-request.js';
import { error, firstError, weatherSchema } from './validation-test-kit.case.js';

function tool(name = 'get_weather', extra: Record<string, unknown> = {}) {
  return { type: 'function', function: { name, parameters: weatherSchema, ...extra } };
}

function chat(extra: Record<string, unknown> = {}) {
  return { model: 'gpt-5.4', messages: [{ role: 'user', content: 'Weather in Paris?' }], ...extra };
}

describe('validateChatRequest: tool definitions', () => {
  it('case 7 / E4: a flat tool gets OpenAI’s error plus the nested shape hint', () => {
    const body = chat({ tools: [{ type: 'function', name: 'get_weather', parameters: weatherSchema }] });
    expect(firstError(validateChatRequest(body))).toEqual(
      error(
        'Missing required parameter: \'tools[0].function\'. /v1/chat/completions expects nested tools: {"type":"function","function":{"name":…,"parameters":…}}; the flat shape {"type":"function","name":…} is for /v1/responses.',
        'tools[0].function',
        'missing_required_parameter',
      ),
    );
  });

  it('a tool without a function name is missing tools[0].function.name', () => {
    const body = chat({ tools: [{ type: 'function', function: { parameters: weatherSchema } }] });
    expect(firstError(validateChatRequest(body))).toEqual(
      error(
        "Missing required parameter: 'tools[0].function.name'.",
        'tools[0].function.name',
        'missing_required_parameter',
      ),
    );
  });

  it('case 9 / E6: a name with a dot does not match the pattern', () => {
    expect(firstError(validateChatRequest(chat({ tools: [tool('get.weather')] })))).toEqual(
      error(
        "Invalid 'tools[0].function.name': string does not match pattern. Expected a string that matches the pattern '^[a-zA-Z0-9_-]+$'.",
        'tools[0].function.name',
        'invalid_value',
      ),
    );
  });

  it('case 10 / E7: a name longer than the configured maximum', () => {
    const name = 'a'.repeat(67);
    expect(firstError(validateChatRequest(chat({ tools: [tool(name)] }), { maxToolNameLength: 64 }))).toEqual(
      error(
        "Invalid 'tools[0].function.name': string too long. Expected a string with maximum length 64, but got a string with length 67 instead.",
        'tools[0].function.name',
        'string_above_max_length',
      ),
    );
    expect(validateChatRequest(chat({ tools: [tool(name)] })).ok).toBe(true);
    const tooLong = 'b'.repeat(129);
    expect(firstError(validateChatRequest(chat({ tools: [tool(tooLong)] }))).message).toContain(
      'maximum length 128',
    );
  });

  it('case 11 / E8: 129 tools are rejected, 128 accepted', () => {
    const tools = (count: number) => Array.from({ length: count }, (_, index) => tool(`tool_${index}`));
    expect(firstError(validateChatRequest(chat({ tools: tools(129) })))).toEqual(
      error(
        "Invalid 'tools': array too long. Expected an array with maximum length 128, but got an array with length 129 instead.",
        'tools',
        'array_above_max_length',
      ),
    );
    expect(validateChatRequest(chat({ tools: tools(128) })).ok).toBe(true);
    expect(firstError(validateChatRequest(chat({ tools: tools(3) }), { maxTools: 2 })).param).toBe('tools');
  });

  it('tools of the wrong JSON type', () => {
    expect(firstError(validateChatRequest(chat({ tools: 'get_weather' })))).toEqual(
      error(
        "Invalid type for 'tools': expected an array of objects, but got a string instead.",
        'tools',
        'invalid_type',
      ),
    );
  });

  it('an empty tools array is rejected as on OpenAI', () => {
    expect(firstError(validateChatRequest(chat({ tools: [] })))).toEqual(
      error(
        "Invalid 'tools': empty array. Expected an array with minimum length 1, but got an empty array instead.",
        'tools',
        'empty_array',
      ),
    );
  });

  it('duplicate function names are rejected with our own message', () => {
    const result = validateChatRequest(chat({ tools: [tool(), tool('other'), tool()] }));
    expect(firstError(result)).toEqual(
      error(
        "Invalid 'tools[2].function.name': duplicate function name 'get_weather', already defined by tools[0]. Function names must be unique within one request; rename or remove one of them.",
        'tools[2].function.name',
        'invalid_value',
      ),
    );
  });

  it('custom tools are known to OpenAI but not handled by this gateway', () => {
    const body = chat({ tools: [{ type: 'custom', custom: { name: 'x' } }] });
    expect(firstError(validateChatRequest(body))).toEqual(
      error(
        'Unsupported value: \'tools[0].type\' does not support \'custom\' on this gateway. This gateway handles function tools only: {"type":"function",…}.',
        'tools[0].type',
        'unsupported_value',
      ),
    );
  });
});

describe('validateChatRequest: top-level parameters', () => {
  it('a missing model', () => {
    expect(firstError(validateChatRequest({ messages: [{ role: 'user', content: 'hi' }] }))).toEqual(
      error('you must provide a model parameter', null, null),
    );
  });

  it('missing and empty messages', () => {
    expect(firstError(validateChatRequest({ model: 'gpt-5.4' }))).toEqual(
      error("Missing required parameter: 'messages'.", 'messages', 'missing_required_parameter'),
    );
    expect(firstError(validateChatRequest({ model: 'gpt-5.4', messages: [] }))).toEqual(
      error(
        "Invalid 'messages': empty array. Expected an array with minimum length 1, but got an empty array instead.",
        'messages',
        'empty_array',
      ),
    );
  });

  it('an unknown parameter, and a Responses parameter with a hint', () => {
    expect(firstError(validateChatRequest(chat({ zzz: 1 })))).toEqual(
      error("Unknown parameter: 'zzz'.", 'zzz', 'unknown_parameter'),
    );
    expect(firstError(validateChatRequest(chat({ input: 'hi' })))).toEqual(
      error(
        "Unknown parameter: 'input'. 'input' is a /v1/responses parameter; /v1/chat/completions takes the conversation as 'messages'.",
        'input',
        'unknown_parameter',
      ),
    );
    expect(validateChatRequest(chat({ zzz: 1 }), { allowUnknownParameters: true }).ok).toBe(true);
  });

  it('case 27 / E19: stream_options without stream', () => {
    const body = chat({ stream: false, stream_options: { include_usage: true } });
    expect(firstError(validateChatRequest(body))).toEqual(
      error(
        "The 'stream_options' parameter is only allowed when 'stream' is enabled.",
        'stream_options',
        null,
      ),
    );
    expect(validateChatRequest(chat({ stream: true, stream_options: { include_usage: true } })).ok).toBe(
      true,
    );
  });

  it('n below its minimum', () => {
    expect(firstError(validateChatRequest(chat({ n: 0 })))).toEqual(
      error(
        "Invalid 'n': integer below minimum value. Expected a value >= 1, but got 0 instead.",
        'n',
        'integer_below_min_value',
      ),
    );
  });

  it('metadata with too many properties', () => {
    const metadata = Object.fromEntries(Array.from({ length: 17 }, (_, index) => [`k${index}`, 'v']));
    expect(firstError(validateChatRequest(chat({ store: true, metadata })))).toEqual(
      error(
        "Invalid 'metadata': too many properties. Expected an object with at most 16 properties, but got an object with 17 properties instead.",
        'metadata',
        'object_above_max_properties',
      ),
    );
  });

  it('a body that is not an object', () => {
    expect(firstError(validateChatRequest([]))).toEqual(
      error(
        'Invalid type for request body: expected a JSON object, but got an array instead.',
        null,
        'invalid_type',
      ),
    );
  });

  it('accepts every documented parameter, including the legacy functions/function_call', () => {
    const body = chat({
      frequency_penalty: 0,
      presence_penalty: 0,
      logit_bias: { '50256': -100 },
      logprobs: true,
      top_logprobs: 2,
      max_completion_tokens: 100,
      max_tokens: 100,
      metadata: { team: 'a' },
      modalities: ['text'],
      n: 1,
      prediction: { type: 'content', content: 'x' },
      prompt_cache_key: 'k',
      prompt_cache_retention: '24h',
      reasoning_effort: 'low',
      response_format: { type: 'text' },
      safety_identifier: 'u',
      seed: 7,
      service_tier: 'auto',
      stop: ['\n'],
      store: false,
      stream: true,
      stream_options: { include_usage: true },
      temperature: 0.2,
      top_p: 1,
      user: 'u',
      verbosity: 'low',
      functions: [{ name: 'get_weather', parameters: weatherSchema }],
      function_call: 'auto',
    });
    expect(validateChatRequest(body)).toEqual({ ok: true, value: body });
  });
});
