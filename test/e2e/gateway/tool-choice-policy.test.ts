import type OpenAI from 'openai';
import { describe, expect, it } from 'vitest';
import { expectOpenAIError } from '../../../test-support/gateway/expect-openai-error.js';
import { useTestGateway } from '../../../test-support/gateway/start-test-gateway.js';
import { cityParameters } from '../../../test-support/gateway/weather-tools.js';

// tool_choice, allowed_tools and parallel_tool_calls as the upstream receives them
// (docs/protocol/tool-choice.md; conformance cases 1–6, 16, 37, 42, 44–46). With native capabilities they are
// translated exactly into the upstream's shapes; without, the gateway narrows `tools`, keeps the first call,
// re-asks for a required call, and lists each change in `x-toolbridge-adjusted`.
const timeParameters = {
  type: 'object',
  properties: { timezone: { type: 'string' } },
  required: ['timezone'],
  additionalProperties: false,
};
const chatTools: OpenAI.ChatCompletionTool[] = [
  {
    type: 'function',
    function: { name: 'get_weather', description: 'Weather of a city.', parameters: cityParameters },
  },
  {
    type: 'function',
    function: { name: 'get_time', description: 'Clock time in a timezone.', parameters: timeParameters },
  },
];
const responsesTools: OpenAI.Responses.FunctionTool[] = [
  {
    type: 'function',
    name: 'get_weather',
    description: 'Weather of a city.',
    parameters: cityParameters,
    strict: true,
  },
  {
    type: 'function',
    name: 'get_time',
    description: 'Clock time in a timezone.',
    parameters: timeParameters,
    strict: true,
  },
];
const weather = 'Weather in Paris and Oslo?';
// One entity: the scripted upstream makes one call per city, even to a forced or allowed tool.
const single = 'Weather in Paris?';

type Body = Record<string, unknown>;

/** Names of the tools an upstream request carried, whichever format it is in. */
function toolNames(body: Body): string[] {
  const tools = (body['tools'] ?? []) as Array<{ name?: string; function?: { name: string } }>;
  return tools.map((tool) => tool.function?.name ?? tool.name ?? '');
}

function chatCalls(
  completion: OpenAI.ChatCompletion,
): Array<{ id: string; name: string; arguments: string }> {
  return (completion.choices[0]?.message.tool_calls ?? []).flatMap((call) =>
    call.type === 'function'
      ? [{ id: call.id, name: call.function.name, arguments: call.function.arguments }]
      : [],
  );
}

function responseCalls(response: OpenAI.Responses.Response): OpenAI.Responses.ResponseFunctionToolCall[] {
  return response.output.filter(
    (item): item is OpenAI.Responses.ResponseFunctionToolCall => item.type === 'function_call',
  );
}

/** The same intent in the upstream's own shape (docs/protocol/tool-choice.md#forms table). */
function namedChoice(upstreamApi: 'chat' | 'responses', name: string): unknown {
  return upstreamApi === 'chat' ? { type: 'function', function: { name } } : { type: 'function', name };
}

function allowedChoice(
  upstreamApi: 'chat' | 'responses',
  mode: 'auto' | 'required',
  names: string[],
): unknown {
  return upstreamApi === 'chat'
    ? {
        type: 'allowed_tools',
        allowed_tools: { mode, tools: names.map((name) => ({ type: 'function', function: { name } })) },
      }
    : { type: 'allowed_tools', mode, tools: names.map((name) => ({ type: 'function', name })) };
}

describe.each(['chat', 'responses'] as const)('tool_choice policy over a %s upstream', (upstreamApi) => {
  describe('native capabilities: forwarded, translated exactly', () => {
    const harness = useTestGateway({ upstreamApi });
    const upstreamBodies = () => harness.requestsSinceMark().map((request) => request.body as Body);
    const onlyBody = (): Body => {
      const bodies = upstreamBodies();
      expect(bodies).toHaveLength(1);
      return bodies[0] as Body;
    };

    it('auto: a call with the Chat response shape (case 1)', async () => {
      const completion = await harness.client.chat.completions.create({
        model: 'gpt-5.4',
        messages: [{ role: 'user', content: 'Weather in Paris?' }],
        tools: chatTools,
        tool_choice: 'auto',
      });
      const choice = completion.choices[0];
      expect(choice?.finish_reason).toBe('tool_calls');
      expect(choice?.message.content).toBeNull();
      expect(choice?.message.refusal).toBeNull();
      const [call] = chatCalls(completion);
      expect(call?.id).toMatch(/^call_/);
      expect(JSON.parse(call?.arguments ?? '')).toEqual({ city: 'Paris' });
      const body = onlyBody();
      expect(body['tool_choice']).toBe('auto');
      expect(toolNames(body)).toEqual(['get_weather', 'get_time']);
    });

    it('required: at least one call (case 2)', async () => {
      const completion = await harness.client.chat.completions.create({
        model: 'gpt-5.4',
        messages: [{ role: 'user', content: 'Hello there' }],
        tools: chatTools,
        tool_choice: 'required',
      });
      expect(completion.choices[0]?.finish_reason).toBe('tool_calls');
      expect(chatCalls(completion).length).toBeGreaterThanOrEqual(1);
      expect(onlyBody()['tool_choice']).toBe('required');
    });

    it.each([false, true])(
      'a named function: one call, finish_reason "stop" (case 3, stream %s)',
      async (stream) => {
        const request = {
          model: 'gpt-5.4',
          messages: [{ role: 'user' as const, content: single }],
          tools: chatTools,
          tool_choice: { type: 'function' as const, function: { name: 'get_time' } },
        };
        let names: string[];
        let finish: string | null | undefined;
        if (stream) {
          const final = await harness.client.chat.completions.stream(request).finalChatCompletion();
          names = chatCalls(final).map((call) => call.name);
          finish = final.choices[0]?.finish_reason;
        } else {
          const completion = await harness.client.chat.completions.create(request);
          names = chatCalls(completion).map((call) => call.name);
          finish = completion.choices[0]?.finish_reason;
        }
        expect(names).toEqual(['get_time']);
        expect(finish).toBe('stop');
        const body = onlyBody();
        expect(body['tool_choice']).toEqual(namedChoice(upstreamApi, 'get_time'));
        expect(toolNames(body)).toEqual(['get_weather', 'get_time']);
      },
    );

    it('a named function ignored by the upstream (#ignore-tool-choice): the wrong call never reaches the client', async () => {
      await expectOpenAIError(
        harness.client.chat.completions.create({
          model: 'gpt-5.4',
          messages: [{ role: 'user', content: `${single} #ignore-tool-choice` }],
          tools: chatTools,
          tool_choice: { type: 'function', function: { name: 'get_time' } },
        }),
        {
          status: 502,
          message:
            /^The upstream model returned an invalid call to 'get_weather' and did not correct it after 2 retries/,
          type: 'server_error',
          param: null,
          code: 'upstream_invalid_tool_call',
        },
      );
      const bodies = upstreamBodies();
      expect(bodies).toHaveLength(3);
      for (const body of bodies.slice(1))
        expect(body['tool_choice']).toEqual(namedChoice(upstreamApi, 'get_time'));
    });

    it('none: no calls, finish_reason "stop" (case 4)', async () => {
      const completion = await harness.client.chat.completions.create({
        model: 'gpt-5.4',
        messages: [{ role: 'user', content: weather }],
        tools: chatTools,
        tool_choice: 'none',
      });
      expect(completion.choices[0]?.message.tool_calls ?? []).toEqual([]);
      expect(completion.choices[0]?.finish_reason).toBe('stop');
      expect(onlyBody()['tool_choice']).toBe('none');
    });

    it('none ignored by the upstream (#ignore-tool-choice): the gateway drops the call and says so', async () => {
      const { data, response } = await harness.client.chat.completions
        .create({
          model: 'gpt-5.4',
          messages: [{ role: 'user', content: 'Weather in Paris? #ignore-tool-choice' }],
          tools: chatTools,
          tool_choice: 'none',
        })
        .withResponse();
      expect(data.choices[0]?.message.tool_calls ?? []).toEqual([]);
      expect(data.choices[0]?.finish_reason).toBe('stop');
      expect(response.headers.get('x-toolbridge-adjusted')).toContain(
        `dropped a call to 'get_weather' (tool_choice "none")`,
      );
    });

    it('allowed_tools (Chat shape, mode required) with 1 of 2 tools: only that tool (case 5)', async () => {
      const completion = await harness.client.chat.completions.create({
        model: 'gpt-5.4',
        messages: [{ role: 'user', content: single }],
        tools: chatTools,
        tool_choice: {
          type: 'allowed_tools',
          allowed_tools: { mode: 'required', tools: [{ type: 'function', function: { name: 'get_time' } }] },
        },
      });
      expect(chatCalls(completion).map((call) => call.name)).toEqual(['get_time']);
      const body = onlyBody();
      expect(body['tool_choice']).toEqual(allowedChoice(upstreamApi, 'required', ['get_time']));
      // allowed_tools keeps the tool list (and the upstream's cache prefix) intact.
      expect(toolNames(body)).toEqual(['get_weather', 'get_time']);
    });

    it('allowed_tools (Responses shape) is echoed verbatim; only the listed tool is called (case 16)', async () => {
      const toolChoice = {
        type: 'allowed_tools' as const,
        mode: 'auto' as const,
        tools: [{ type: 'function', name: 'get_time' }],
      };
      const response = await harness.client.responses.create({
        model: 'gpt-5.4',
        input: single,
        tools: responsesTools,
        tool_choice: toolChoice,
      });
      expect(response.tool_choice).toEqual(toolChoice);
      expect(responseCalls(response).map((call) => call.name)).toEqual(['get_time']);
      expect(onlyBody()['tool_choice']).toEqual(allowedChoice(upstreamApi, 'auto', ['get_time']));
    });

    it('a named function on the Responses endpoint is translated and echoed', async () => {
      const response = await harness.client.responses.create({
        model: 'gpt-5.4',
        input: single,
        tools: responsesTools,
        tool_choice: { type: 'function', name: 'get_time' },
      });
      expect(response.tool_choice).toEqual({ type: 'function', name: 'get_time' });
      expect(responseCalls(response).map((call) => call.name)).toEqual(['get_time']);
      expect(onlyBody()['tool_choice']).toEqual(namedChoice(upstreamApi, 'get_time'));
    });

    it('parallel_tool_calls:false → at most one call, forwarded as false (cases 6, 46)', async () => {
      const completion = await harness.client.chat.completions.create({
        model: 'gpt-5.4',
        messages: [{ role: 'user', content: weather }],
        tools: chatTools,
        parallel_tool_calls: false,
      });
      expect(chatCalls(completion)).toHaveLength(1);
      expect(onlyBody()['parallel_tool_calls']).toBe(false);
      harness.mark();
      const response = await harness.client.responses.create({
        model: 'gpt-5.4',
        input: weather,
        tools: responsesTools,
        parallel_tool_calls: false,
      });
      expect(responseCalls(response)).toHaveLength(1);
      expect(response.parallel_tool_calls).toBe(false);
      expect(onlyBody()['parallel_tool_calls']).toBe(false);
    });

    it('a Responses call has the full Response shape (case 44)', async () => {
      const response = await harness.client.responses.create({
        model: 'gpt-5.4',
        input: 'Weather in Paris?',
        tools: [responsesTools[0] as OpenAI.Responses.FunctionTool],
      });
      expect(response).toMatchObject({
        object: 'response',
        status: 'completed',
        parallel_tool_calls: true,
        tool_choice: 'auto',
        metadata: {},
      });
      expect(response.output[0]).toEqual({
        type: 'function_call',
        id: expect.stringMatching(/^fc_/),
        call_id: expect.stringMatching(/^call_/),
        name: 'get_weather',
        arguments: '{"city":"Paris"}',
        status: 'completed',
      });
      expect(response.tools[0]).toEqual({
        type: 'function',
        name: 'get_weather',
        description: 'Weather of a city.',
        parameters: cityParameters,
        strict: true,
      });
      expect(response.usage).toMatchObject({
        input_tokens: expect.any(Number),
        input_tokens_details: { cached_tokens: expect.any(Number) },
        output_tokens: expect.any(Number),
        output_tokens_details: { reasoning_tokens: expect.any(Number) },
        total_tokens: expect.any(Number),
      });
    });

    it('a Responses text answer has the message shape and output_text (case 45)', async () => {
      const response = await harness.client.responses.create({ model: 'gpt-5.4', input: 'Say hello' });
      expect(response.output).toHaveLength(1);
      const [message] = response.output;
      expect(message).toMatchObject({
        type: 'message',
        id: expect.stringMatching(/^msg_/),
        role: 'assistant',
        status: 'completed',
      });
      if (message?.type !== 'message') throw new Error('expected a message');
      const [part] = message.content;
      expect(part).toEqual({ type: 'output_text', text: expect.any(String), annotations: [], logprobs: [] });
      expect(response.output_text).toBe(part?.type === 'output_text' ? part.text : '');
      expect(response.output_text).toContain('Say hello');
    });

    it('strict omitted: a compatible schema is echoed strict:true and normalized upstream; an open one false (case 42)', async () => {
      const optional = { type: 'object', properties: { city: { type: 'string' } } };
      const open = { type: 'object', properties: { city: { type: 'string' } }, additionalProperties: true };
      const response = await harness.client.responses.create({
        model: 'gpt-5.4',
        input: 'Weather in Paris?',
        tools: [
          // `strict` omitted on purpose: the SDK types require it, the API does not
          // (docs/protocol/tools.md#strict-default).
          {
            type: 'function',
            name: 'get_weather',
            parameters: optional,
          } as unknown as OpenAI.Responses.FunctionTool,
          {
            type: 'function',
            name: 'get_time',
            parameters: open,
          } as unknown as OpenAI.Responses.FunctionTool,
        ],
      });
      expect(response.tools.map((tool) => (tool.type === 'function' ? tool.strict : null))).toEqual([
        true,
        false,
      ]);
      // The echo keeps the client's schema; the upstream got the strict form of the first one.
      expect(response.tools[0]).toMatchObject({ parameters: optional });
      const tools = onlyBody()['tools'] as Array<Record<string, unknown>>;
      const sent = tools.map((tool) =>
        upstreamApi === 'chat' ? (tool['function'] as Record<string, unknown>) : tool,
      );
      expect(sent[0]).toMatchObject({
        strict: true,
        parameters: {
          type: 'object',
          properties: { city: { type: ['string', 'null'] } },
          required: ['city'],
          additionalProperties: false,
        },
      });
      expect(sent[1]).toMatchObject({ strict: false, parameters: open });
    });

    it('strict with a nullable field: the forced call carries the key (case 37)', async () => {
      const parameters = {
        type: 'object',
        properties: { city: { type: 'string' }, date: { type: ['string', 'null'] } },
        required: ['city', 'date'],
        additionalProperties: false,
      };
      const completion = await harness.client.chat.completions.create({
        model: 'gpt-5.4',
        messages: [{ role: 'user', content: 'Weather in Paris?' }],
        tools: [{ type: 'function', function: { name: 'get_weather', parameters, strict: true } }],
        tool_choice: { type: 'function', function: { name: 'get_weather' } },
      });
      const args = JSON.parse(chatCalls(completion)[0]?.arguments ?? '{}') as Record<string, unknown>;
      expect(Object.keys(args).sort()).toEqual(['city', 'date']);
      expect(args['date'] === null || typeof args['date'] === 'string').toBe(true);
    });
  });

  describe('capabilities off: emulated by the gateway', () => {
    const harness = useTestGateway({
      upstreamApi,
      capabilities: { nativeAllowedTools: false, nativeToolChoice: false, parallelToolCallsSwitch: false },
    });
    const upstreamBodies = () => harness.requestsSinceMark().map((request) => request.body as Body);

    it('allowed_tools narrows `tools` sent upstream and says so (case 5)', async () => {
      const { data, response } = await harness.client.chat.completions
        .create({
          model: 'gpt-5.4',
          messages: [{ role: 'user', content: single }],
          tools: chatTools,
          tool_choice: {
            type: 'allowed_tools',
            allowed_tools: { mode: 'auto', tools: [{ type: 'function', function: { name: 'get_time' } }] },
          },
        })
        .withResponse();
      expect(chatCalls(data).map((call) => call.name)).toEqual(['get_time']);
      const [body] = upstreamBodies();
      expect(toolNames(body ?? {})).toEqual(['get_time']);
      expect(JSON.stringify(body?.['tool_choice'] ?? 'auto')).not.toContain('allowed_tools');
      expect(response.headers.get('x-toolbridge-adjusted')).toContain(
        'allowed_tools emulated: sent 1 of 2 tools',
      );
    });

    it('allowed_tools on the Responses endpoint: narrowed upstream, echoed as sent', async () => {
      const toolChoice = {
        type: 'allowed_tools' as const,
        mode: 'required' as const,
        tools: [{ type: 'function', name: 'get_time' }],
      };
      const { data, response } = await harness.client.responses
        .create({ model: 'gpt-5.4', input: single, tools: responsesTools, tool_choice: toolChoice })
        .withResponse();
      expect(data.tool_choice).toEqual(toolChoice);
      expect(responseCalls(data).map((call) => call.name)).toEqual(['get_time']);
      expect(toolNames(upstreamBodies()[0] ?? {})).toEqual(['get_time']);
      expect(response.headers.get('x-toolbridge-adjusted')).toContain('allowed_tools emulated');
    });

    it.each([false, true])(
      'parallel_tool_calls:false with an upstream that returns two (#parallel): first call kept (stream %s)',
      async (stream) => {
        const request = {
          model: 'gpt-5.4',
          messages: [{ role: 'user' as const, content: `${weather} #parallel` }],
          tools: chatTools,
          parallel_tool_calls: false,
        };
        let calls: Array<{ name: string; arguments: string }>;
        let adjusted: string;
        if (stream) {
          const { data, response } = await harness.client.chat.completions
            .create({ ...request, stream: true })
            .withResponse();
          const byIndex = new Map<number, { name: string; arguments: string }>();
          for await (const chunk of data) {
            for (const delta of chunk.choices[0]?.delta.tool_calls ?? []) {
              const entry = byIndex.get(delta.index) ?? { name: '', arguments: '' };
              entry.name += delta.function?.name ?? '';
              entry.arguments += delta.function?.arguments ?? '';
              byIndex.set(delta.index, entry);
            }
          }
          calls = [...byIndex.values()];
          adjusted = response.headers.get('x-toolbridge-adjusted') ?? '';
        } else {
          const { data, response } = await harness.client.chat.completions.create(request).withResponse();
          calls = chatCalls(data).map(({ name, arguments: args }) => ({ name, arguments: args }));
          adjusted = response.headers.get('x-toolbridge-adjusted') ?? '';
        }
        expect(calls).toEqual([{ name: 'get_weather', arguments: '{"city":"Paris"}' }]);
        expect(adjusted).toContain('parallel_tool_calls=false enforced by the gateway');
        if (!stream)
          expect(adjusted).toContain("dropped an extra call to 'get_weather' (parallel_tool_calls=false)");
        expect(upstreamBodies()).toHaveLength(1);
      },
    );

    it('parallel_tool_calls:false on the Responses endpoint keeps the first call (case 46)', async () => {
      const response = await harness.client.responses.create({
        model: 'gpt-5.4',
        input: `${weather} #parallel`,
        tools: responsesTools,
        parallel_tool_calls: false,
      });
      const calls = responseCalls(response);
      expect(calls.map((call) => call.arguments)).toEqual(['{"city":"Paris"}']);
    });

    it('a named function: only that tool goes upstream, so an upstream ignoring tool_choice still complies', async () => {
      const { data, response } = await harness.client.chat.completions
        .create({
          model: 'gpt-5.4',
          messages: [{ role: 'user', content: `${single} #ignore-tool-choice` }],
          tools: chatTools,
          tool_choice: { type: 'function', function: { name: 'get_time' } },
        })
        .withResponse();
      expect(chatCalls(data).map((call) => call.name)).toEqual(['get_time']);
      expect(data.choices[0]?.finish_reason).toBe('stop');
      expect(toolNames(upstreamBodies()[0] ?? {})).toEqual(['get_time']);
      expect(response.headers.get('x-toolbridge-adjusted')).toContain(
        "tool_choice emulated: only 'get_time' sent",
      );
    });

    it('none: no tools go upstream', async () => {
      const { data, response } = await harness.client.chat.completions
        .create({
          model: 'gpt-5.4',
          messages: [{ role: 'user', content: `${weather} #ignore-tool-choice` }],
          tools: chatTools,
          tool_choice: 'none',
        })
        .withResponse();
      expect(data.choices[0]?.message.tool_calls ?? []).toEqual([]);
      expect(data.choices[0]?.finish_reason).toBe('stop');
      expect(toolNames(upstreamBodies()[0] ?? {})).toEqual([]);
      expect(response.headers.get('x-toolbridge-adjusted')).toContain(
        'tool_choice "none" emulated: tools not sent',
      );
    });

    it.each([false, true])(
      'required, answered with text once (#text-once): re-asked, the call reaches the client (stream %s)',
      async (stream) => {
        const request = {
          model: 'gpt-5.4',
          messages: [{ role: 'user' as const, content: 'Weather in Paris? #text-once' }],
          tools: chatTools,
          tool_choice: 'required' as const,
        };
        let calls: Array<{ name: string; arguments: string }>;
        if (stream) {
          const final = await harness.client.chat.completions.stream(request).finalChatCompletion();
          calls = chatCalls(final);
          expect(final.choices[0]?.message.content ?? null).toBeNull();
        } else {
          const { data, response } = await harness.client.chat.completions.create(request).withResponse();
          calls = chatCalls(data);
          expect(data.choices[0]?.message.content).toBeNull();
          expect(response.headers.get('x-toolbridge-adjusted')).toContain(
            're-asked the upstream: tool_choice required a call',
          );
        }
        expect(calls.map((call) => call.name)).toEqual(['get_weather']);
        const bodies = upstreamBodies();
        expect(bodies).toHaveLength(2);
        expect(JSON.stringify(bodies[1])).toContain('toolbridge: this turn must call a function');
      },
    );
  });

  describe('capabilities off, upstream never complies', () => {
    const harness = useTestGateway({
      upstreamApi,
      capabilities: { nativeToolChoice: false },
      // Directives in a provider header apply to every upstream request, the re-asks included.
      provider: { headers: { 'x-scripted-directives': '#text' } },
    });

    it('required, never called → 502 upstream_tool_choice_violation after the re-asks', async () => {
      await expectOpenAIError(
        harness.client.chat.completions.create({
          model: 'gpt-5.4',
          messages: [{ role: 'user', content: 'Weather in Paris?' }],
          tools: chatTools,
          tool_choice: 'required',
        }),
        {
          status: 502,
          message: /answered without calling a function although tool_choice requires one/,
          type: 'server_error',
          param: null,
          code: 'upstream_tool_choice_violation',
        },
      );
      expect(harness.upstream.requests).toHaveLength(3);
    });
  });
});
