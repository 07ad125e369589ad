import type OpenAI from 'openai';
import { describe, expect, it } from 'vitest';
import {
  chatCalls,
  chatTurn,
  type Endpoint,
  recordingClient,
  responseCalls,
  responsesTurn,
} from '../../../test-support/gateway/openai-turns.js';
import { useTestGateway } from '../../../test-support/gateway/start-test-gateway.js';
import { cityParameters } from '../../../test-support/gateway/weather-tools.js';

// tool_choice, allowed_tools, parallel_tool_calls and strict tools over the scripted Anthropic
// upstream (docs/protocol/anthropic.md §3, conformance cases A-10 … A-13), on both endpoints, plain
// and streamed: what the upstream receives, what the client gets, and what x-toolbridge-adjusted says.
type Body = Record<string, unknown>;
const model = 'claude-sonnet-5';
const timeParameters = {
  type: 'object',
  properties: { timezone: { type: 'string' } },
  required: ['timezone'],
  additionalProperties: false,
};
const definitions = [
  { name: 'get_weather', description: 'Weather of a city.', parameters: cityParameters },
  { name: 'get_time', description: 'Clock time in a timezone.', parameters: timeParameters },
];

interface Outcome {
  calls: Array<{ id: string; name: string; arguments: string }>;
  text: string | null;
  /** Chat finish_reason, or the Response status. */
  finish: string | null | undefined;
  adjusted: string | null | undefined;
}

type ChoiceKind =
  | 'auto'
  | 'required'
  | 'none'
  | { name: string }
  | { allowed: string[]; mode: 'auto' | 'required' };

function chatChoice(choice: ChoiceKind): OpenAI.ChatCompletionToolChoiceOption {
  if (typeof choice === 'string') return choice;
  if ('name' in choice) return { type: 'function', function: { name: choice.name } };
  return {
    type: 'allowed_tools',
    allowed_tools: {
      mode: choice.mode,
      tools: choice.allowed.map((name) => ({ type: 'function', function: { name } })),
    },
  };
}

function responsesChoice(
  choice: ChoiceKind,
): NonNullable<OpenAI.Responses.ResponseCreateParams['tool_choice']> {
  if (typeof choice === 'string') return choice;
  if ('name' in choice) return { type: 'function', name: choice.name };
  return {
    type: 'allowed_tools',
    mode: choice.mode,
    tools: choice.allowed.map((name) => ({ type: 'function', name })),
  };
}

describe.each([
  ['chat', false],
  ['chat', true],
  ['responses', false],
  ['responses', true],
] as const)(
  'tool policy over an Anthropic upstream: %s, stream=%s',
  (endpoint: Endpoint, stream: boolean) => {
    const harness = useTestGateway({ upstreamApi: 'anthropic' });
    const bodies = () => harness.requestsSinceMark().map((request) => request.body as Body);
    const onlyBody = (): Body => {
      const sent = bodies();
      expect(sent).toHaveLength(1);
      return sent[0] as Body;
    };

    async function ask(
      question: string,
      options: { choice?: ChoiceKind; parallel?: boolean; strict?: boolean } = {},
    ): Promise<Outcome> {
      const { client, lastHeaders } = recordingClient(harness.baseURL);
      const strict = options.strict ?? false;
      if (endpoint === 'chat') {
        const completion = await chatTurn(
          client,
          {
            model,
            messages: [{ role: 'user', content: question }],
            tools: definitions.map((tool) => ({ type: 'function', function: { ...tool, strict } })),
            ...(options.choice !== undefined ? { tool_choice: chatChoice(options.choice) } : {}),
            ...(options.parallel !== undefined ? { parallel_tool_calls: options.parallel } : {}),
          },
          stream,
        );
        return {
          calls: chatCalls(completion).map((call) => ({ id: call.id, ...call.function })),
          text: completion.choices[0]?.message.content ?? null,
          finish: completion.choices[0]?.finish_reason,
          adjusted: lastHeaders()?.get('x-toolbridge-adjusted'),
        };
      }
      const response = await responsesTurn(
        client,
        {
          model,
          input: question,
          tools: definitions.map((tool) => ({ type: 'function', ...tool, strict })),
          ...(options.choice !== undefined ? { tool_choice: responsesChoice(options.choice) } : {}),
          ...(options.parallel !== undefined ? { parallel_tool_calls: options.parallel } : {}),
        },
        stream,
      );
      return {
        calls: responseCalls(response).map((call) => ({
          id: call.call_id,
          name: call.name,
          arguments: call.arguments,
        })),
        text: response.output_text || null,
        finish: response.status,
        adjusted: lastHeaders()?.get('x-toolbridge-adjusted'),
      };
    }

    it('auto: tool_choice {type: auto}, both tools sent flat', async () => {
      const outcome = await ask('Weather in Paris?', { choice: 'auto' });
      expect(outcome.calls.map((call) => [call.name, JSON.parse(call.arguments)])).toEqual([
        ['get_weather', { city: 'Paris' }],
      ]);
      const body = onlyBody();
      expect(body['tool_choice']).toEqual({ type: 'auto' });
      expect((body['tools'] as Array<{ name: string }>).map((tool) => tool.name)).toEqual([
        'get_weather',
        'get_time',
      ]);
    });

    it('required: tool_choice {type: any}', async () => {
      const outcome = await ask('Weather in Paris?', { choice: 'required' });
      expect(outcome.calls).toHaveLength(1);
      expect(onlyBody()['tool_choice']).toEqual({ type: 'any' });
    });

    it('none: tool_choice {type: none}, tools still sent, a text answer', async () => {
      const outcome = await ask('Weather in Paris?', { choice: 'none' });
      expect(outcome.calls).toEqual([]);
      expect(outcome.text).toBe('Echo: Weather in Paris?');
      const body = onlyBody();
      expect(body['tool_choice']).toEqual({ type: 'none' });
      expect(body['tools']).toHaveLength(2);
    });

    it('a named function: tool_choice {type: tool, name}; Chat reports stop as OpenAI does', async () => {
      const outcome = await ask('What time is it in Tokyo?', { choice: { name: 'get_time' } });
      expect(outcome.calls.map((call) => call.name)).toEqual(['get_time']);
      expect(outcome.finish).toBe(endpoint === 'chat' ? 'stop' : 'completed');
      expect(onlyBody()['tool_choice']).toEqual({ type: 'tool', name: 'get_time' });
    });

    it('A-13: allowed_tools is emulated: only the allowed tools are sent, and the header says so', async () => {
      const auto = await ask('Weather in Paris?', { choice: { allowed: ['get_time'], mode: 'auto' } });
      const body = onlyBody();
      expect((body['tools'] as Array<{ name: string }>).map((tool) => tool.name)).toEqual(['get_time']);
      expect(body['tool_choice']).toEqual({ type: 'auto' });
      expect(auto.calls.every((call) => call.name === 'get_time')).toBe(true);
      expect(auto.adjusted).toContain('allowed_tools emulated: sent 1 of 2 tools');
      harness.mark();
      await ask('Weather in Paris?', { choice: { allowed: ['get_weather'], mode: 'required' } });
      expect(onlyBody()['tool_choice']).toEqual({ type: 'any' });
    });

    it('A-11: parallel_tool_calls false → disable_parallel_tool_use natively; one call for two cities', async () => {
      const outcome = await ask('Weather in Paris and Oslo?', { parallel: false });
      expect(outcome.calls.map((call) => JSON.parse(call.arguments))).toEqual([{ city: 'Paris' }]);
      expect(onlyBody()['tool_choice']).toEqual({ type: 'auto', disable_parallel_tool_use: true });
      expect(outcome.adjusted ?? '').not.toContain('parallel_tool_calls');
    });

    it('A-10: required + parallel_tool_calls false → {type: any, disable_parallel_tool_use: true}', async () => {
      await ask('Weather in Paris and Oslo?', { choice: 'required', parallel: false });
      expect(onlyBody()['tool_choice']).toEqual({ type: 'any', disable_parallel_tool_use: true });
    });

    it('strict: sent with strict: true; a broken call is repaired by re-asking, never shown to the client', async () => {
      const outcome = await ask('Weather in Paris? #invalid-once', { strict: true });
      expect(outcome.calls.map((call) => [call.name, JSON.parse(call.arguments)])).toEqual([
        ['get_weather', { city: 'Paris' }],
      ]);
      const sent = bodies();
      expect(sent).toHaveLength(2);
      const firstTools = (sent[0]?.['tools'] ?? []) as Array<{ strict?: boolean }>;
      expect(firstTools.map((tool) => tool.strict)).toEqual([true, true]);
      const repair = sent[1] as Body;
      expect(repair['tool_choice']).toEqual({
        type: 'tool',
        name: 'get_weather',
        disable_parallel_tool_use: true,
      });
      const messages = repair['messages'] as Array<{ role: string; content: Array<Record<string, unknown>> }>;
      expect(messages.map((message) => message.role)).toEqual(['user', 'assistant', 'user']);
      expect(messages[1]?.content[0]).toMatchObject({ type: 'tool_use', input: expect.any(Object) });
      expect(String(messages[2]?.content[0]?.['content'])).toMatch(/^toolbridge: invalid call/);
    });
  },
);

describe('tool_choice none with tool history (A-12)', () => {
  const harness = useTestGateway({ upstreamApi: 'anthropic' });

  it('keeps the tools in the request, so Anthropic accepts the history', async () => {
    const tools: OpenAI.ChatCompletionTool[] = [
      { type: 'function', function: definitions[0] as OpenAI.FunctionDefinition },
    ];
    const first = await harness.client.chat.completions.create({
      model,
      tools,
      messages: [{ role: 'user', content: 'Weather in Paris?' }],
    });
    const [call] = chatCalls(first);
    const answer = await harness.client.chat.completions.create({
      model,
      tools,
      tool_choice: 'none',
      messages: [
        { role: 'user', content: 'Weather in Paris?' },
        first.choices[0]?.message as OpenAI.ChatCompletionMessageParam,
        { role: 'tool', tool_call_id: call?.id ?? '', content: '18C' },
      ],
    });
    expect(answer.choices[0]?.message.content).toBe('Paris: 18C');
    const body = harness.requestsSinceMark().at(-1)?.body as Body;
    expect(body['tool_choice']).toEqual({ type: 'none' });
    expect(body['tools']).toHaveLength(1);
  });
});
