import type OpenAI from 'openai';
import type { RunnableToolFunctionWithParse } from 'openai/lib/RunnableFunction';
import { describe, expect, it } from 'vitest';
import { useTestGateway } from '../../../test-support/gateway/start-test-gateway.js';

// The official SDK's own tool loop, `client.chat.completions.runTools`, through the gateway
// (docs/protocol/sdk-requirements.md#runtools; conformance case 30): two tools called in parallel, results
// sent back in tool_calls order with the ids the gateway handed out, and a final answer built from them.
interface CityArgs {
  city: string;
}
interface TimeArgs {
  timezone: string;
}

function runnableTools(
  executed: string[],
): [RunnableToolFunctionWithParse<CityArgs>, RunnableToolFunctionWithParse<TimeArgs>] {
  return [
    {
      type: 'function',
      function: {
        name: 'get_weather',
        description: 'Weather of a city.',
        parameters: {
          type: 'object',
          properties: { city: { type: 'string' } },
          required: ['city'],
          additionalProperties: false,
        },
        parse: (text: string) => JSON.parse(text) as CityArgs,
        function: async ({ city }: CityArgs) => {
          executed.push(`weather:${city}`);
          return `18C sunny in ${city}`;
        },
      },
    },
    {
      type: 'function',
      function: {
        name: 'get_time',
        description: 'Clock time in a timezone.',
        parameters: {
          type: 'object',
          properties: { timezone: { type: 'string' } },
          required: ['timezone'],
          additionalProperties: false,
        },
        parse: (text: string) => JSON.parse(text) as TimeArgs,
        function: async ({ timezone }: TimeArgs) => {
          executed.push(`time:${timezone}`);
          return `14:05 in ${timezone}`;
        },
      },
    },
  ];
}

/** The tool-call ids of the assistant turn and of the tool results, as the upstream received them. */
function pairingSeenUpstream(upstreamApi: 'chat' | 'responses', body: Record<string, unknown>) {
  if (upstreamApi === 'chat') {
    const messages = body['messages'] as Array<{
      role: string;
      tool_call_id?: string;
      tool_calls?: Array<{ id: string }>;
    }>;
    const assistant = messages.find((message) => message.tool_calls !== undefined);
    return {
      calls: assistant?.tool_calls?.map((call) => call.id) ?? [],
      results: messages.filter((message) => message.role === 'tool').map((message) => message.tool_call_id),
    };
  }
  const input = body['input'] as Array<{ type?: string; call_id?: string }>;
  return {
    calls: input.filter((item) => item.type === 'function_call').map((item) => item.call_id),
    results: input.filter((item) => item.type === 'function_call_output').map((item) => item.call_id),
  };
}

describe.each(['chat', 'responses'] as const)(
  'runTools through the gateway over a %s upstream',
  (upstreamApi) => {
    const harness = useTestGateway({ upstreamApi });

    it.each([false, true])(
      'runs two tools in parallel and answers from both results (stream %s)',
      async (stream) => {
        const before = harness.upstream.requests.length;
        const executed: string[] = [];
        const messages: OpenAI.ChatCompletionMessageParam[] = [
          { role: 'user', content: 'Weather in Paris? #parallel' },
        ];
        const runner = stream
          ? harness.client.chat.completions.runTools({
              model: 'gpt-5.4',
              messages,
              tools: runnableTools(executed),
              stream: true,
            })
          : harness.client.chat.completions.runTools({
              model: 'gpt-5.4',
              messages,
              tools: runnableTools(executed),
            });
        const content = await runner.finalContent();
        expect(executed.sort()).toEqual(['time:Paris', 'weather:Paris']);
        expect(content).toContain('18C sunny in Paris');
        expect(content).toContain('14:05 in Paris');

        // The runner's own transcript: one assistant turn with two calls, then the two results in order.
        const assistant = runner.messages.find(
          (message): message is OpenAI.ChatCompletionAssistantMessageParam =>
            message.role === 'assistant' && (message.tool_calls?.length ?? 0) > 0,
        );
        const callIds = (assistant?.tool_calls ?? []).map((call) => call.id);
        expect(callIds).toHaveLength(2);
        for (const id of callIds) expect(id).toMatch(/^call_/);

        const bodies = harness.upstream.requests
          .slice(before)
          .map((request) => request.body as Record<string, unknown>);
        expect(bodies).toHaveLength(2);
        expect(bodies[0]?.['stream'] ?? false).toBe(stream);
        const seen = pairingSeenUpstream(upstreamApi, bodies[1] ?? {});
        expect(seen.calls).toEqual(callIds);
        expect(seen.results).toEqual(callIds);
        const sent = JSON.stringify(bodies[1]);
        expect(sent).toContain('18C sunny in Paris');
        expect(sent).toContain('14:05 in Paris');
      },
    );
  },
);
