import { describe, expect, it } from 'vitest';
import { expectOpenAIError, literal } from '../../../test-support/gateway/expect-openai-error.js';
import { useTestGateway } from '../../../test-support/gateway/start-test-gateway.js';

// The guide's pitfall 1 (docs/protocol/guide.md#pitfalls): the two wire formats sent to the wrong endpoint
// (E4/E5 in docs/protocol/errors.md; conformance cases 7, 8, 66). OpenAI's exact sentence comes first, our
// hint after it; the upstream never hears of the request, streaming or not.
const parameters = { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] };
const nestedTool = { type: 'function', function: { name: 'get_weather', parameters } };
const flatTool = { type: 'function', name: 'get_weather', parameters };

// What each hint must say (the exact wording belongs to @toolbridge/core): the shape this endpoint
// expects, and where the other shape belongs.
const hints = {
  responsesTool:
    '/v1/responses expects flat tools: {"type":"function","name":…,"parameters":…}; the nested shape',
  chatTool:
    '/v1/chat/completions expects nested tools: {"type":"function","function":{"name":…,"parameters":…}}; the flat shape',
  responsesToolRole:
    '/v1/responses has no \'tool\' role: send a tool result as {"type":"function_call_output"',
  responsesToolCalls:
    '/v1/responses messages carry no \'tool_calls\': send each call as its own item {"type":"function_call"',
  chatFunctionCallOutput:
    'function_call_output items belong to /v1/responses; /v1/chat/completions takes tool results as {"role":"tool"',
  chatNamedToolChoice: '/v1/chat/completions expects {"type":"function","function":{"name":…}}',
  responsesNamedToolChoice: '/v1/responses expects {"type":"function","name":…}',
  responsesContentPart: "/v1/responses content parts use 'input_text'",
};

/** OpenAI's exact sentence first, then our hint (docs/protocol/tools.md#mixing-the-shapes). */
function exactThenHint(sentence: string, hint: string): RegExp {
  return new RegExp(`^${literal(sentence)} ${literal(hint)}`);
}

describe.each(['chat', 'responses'] as const)('format mixing over a %s upstream', (upstreamApi) => {
  const harness = useTestGateway({ upstreamApi });
  const upstreamCalls = () => harness.requestsSinceMark().length;

  it.each([false, true])(
    'E5: a nested tool sent to /v1/responses (stream %s) → 400 + hint (cases 8, 66)',
    async (stream) => {
      await expectOpenAIError(
        harness.client.responses.create({
          model: 'gpt-5.4',
          input: 'Weather in Paris?',
          tools: [nestedTool as never],
          stream,
        }),
        {
          status: 400,
          message: exactThenHint("Missing required parameter: 'tools[0].name'.", hints.responsesTool),
          type: 'invalid_request_error',
          param: 'tools[0].name',
          code: 'missing_required_parameter',
        },
      );
      expect(upstreamCalls()).toBe(0);
    },
  );

  it.each([false, true])(
    'E4: a flat tool sent to /v1/chat/completions (stream %s) → 400 + hint (case 7)',
    async (stream) => {
      await expectOpenAIError(
        harness.client.chat.completions.create({
          model: 'gpt-5.4',
          messages: [{ role: 'user', content: 'Weather in Paris?' }],
          tools: [flatTool as never],
          stream,
        }),
        {
          status: 400,
          message: exactThenHint("Missing required parameter: 'tools[0].function'.", hints.chatTool),
          type: 'invalid_request_error',
          param: 'tools[0].function',
          code: 'missing_required_parameter',
        },
      );
      expect(upstreamCalls()).toBe(0);
    },
  );

  it('the second tool of a list is named by its index', async () => {
    await expectOpenAIError(
      harness.client.chat.completions.create({
        model: 'gpt-5.4',
        messages: [{ role: 'user', content: 'Weather in Paris?' }],
        tools: [nestedTool as never, { ...flatTool, name: 'get_time' } as never],
      }),
      {
        status: 400,
        message: new RegExp(`^${literal("Missing required parameter: 'tools[1].function'.")} `),
        type: 'invalid_request_error',
        param: 'tools[1].function',
        code: 'missing_required_parameter',
      },
    );
    expect(upstreamCalls()).toBe(0);
  });

  it('role:"tool" in Responses input → 400 naming function_call_output', async () => {
    const failure = await expectOpenAIError(
      harness.client.responses.create({
        model: 'gpt-5.4',
        tools: [flatTool as never],
        input: [
          { role: 'user', content: 'Weather in Paris?' },
          { role: 'tool', tool_call_id: 'call_1', content: '18C' } as never,
        ],
      }),
      {
        status: 400,
        message: exactThenHint(
          "Invalid value: 'tool'. Supported values are: 'user', 'assistant', 'system', and 'developer'.",
          hints.responsesToolRole,
        ),
        type: 'invalid_request_error',
        param: 'input[1].role',
        code: 'invalid_value',
      },
    );
    expect(failure.message).toMatch(/^400 Invalid value: 'tool'\./);
    expect(upstreamCalls()).toBe(0);
  });

  it('an assistant message with tool_calls in Responses input → 400 with the flat item hint', async () => {
    await expectOpenAIError(
      harness.client.responses.create({
        model: 'gpt-5.4',
        input: [
          { role: 'user', content: 'Weather in Paris?' },
          {
            role: 'assistant',
            content: '',
            tool_calls: [
              { id: 'call_1', type: 'function', function: { name: 'get_weather', arguments: '{}' } },
            ],
          } as never,
        ],
      }),
      {
        status: 400,
        message: exactThenHint("Unknown parameter: 'input[1].tool_calls'.", hints.responsesToolCalls),
        type: 'invalid_request_error',
        param: 'input[1].tool_calls',
        code: 'unknown_parameter',
      },
    );
    expect(upstreamCalls()).toBe(0);
  });

  it('a function_call_output item in Chat messages → 400 naming the tool message shape', async () => {
    await expectOpenAIError(
      harness.client.chat.completions.create({
        model: 'gpt-5.4',
        tools: [nestedTool as never],
        messages: [
          { role: 'user', content: 'Weather in Paris?' },
          { type: 'function_call_output', call_id: 'call_1', output: '18C' } as never,
        ],
      }),
      {
        status: 400,
        message: exactThenHint(
          "Missing required parameter: 'messages[1].role'.",
          hints.chatFunctionCallOutput,
        ),
        type: 'invalid_request_error',
        param: 'messages[1].role',
        code: 'missing_required_parameter',
      },
    );
    expect(upstreamCalls()).toBe(0);
  });

  it('a flat named tool_choice on Chat and a nested one on Responses → 400 with hints', async () => {
    await expectOpenAIError(
      harness.client.chat.completions.create({
        model: 'gpt-5.4',
        tools: [nestedTool as never],
        messages: [{ role: 'user', content: 'Weather in Paris?' }],
        tool_choice: { type: 'function', name: 'get_weather' } as never,
      }),
      {
        status: 400,
        message: exactThenHint(
          "Missing required parameter: 'tool_choice.function'.",
          hints.chatNamedToolChoice,
        ),
        type: 'invalid_request_error',
        param: 'tool_choice.function',
        code: 'missing_required_parameter',
      },
    );
    await expectOpenAIError(
      harness.client.responses.create({
        model: 'gpt-5.4',
        tools: [flatTool as never],
        input: 'Weather in Paris?',
        tool_choice: { type: 'function', function: { name: 'get_weather' } } as never,
      }),
      {
        status: 400,
        message: exactThenHint(
          "Missing required parameter: 'tool_choice.name'.",
          hints.responsesNamedToolChoice,
        ),
        type: 'invalid_request_error',
        param: 'tool_choice.name',
        code: 'missing_required_parameter',
      },
    );
    expect(upstreamCalls()).toBe(0);
  });

  it('Chat content part types sent to Responses → 400 naming input_text', async () => {
    await expectOpenAIError(
      harness.client.responses.create({
        model: 'gpt-5.4',
        input: [{ role: 'user', content: [{ type: 'text', text: 'Weather in Paris?' }] } as never],
      }),
      {
        status: 400,
        message: exactThenHint(
          "Invalid value: 'text'. Supported values are: 'input_text', 'input_image', and 'input_file'.",
          hints.responsesContentPart,
        ),
        type: 'invalid_request_error',
        param: 'input[0].content[0].type',
        code: 'invalid_value',
      },
    );
    expect(upstreamCalls()).toBe(0);
  });
});
