import { createOpenAI } from '@ai-sdk/openai';
import { generateText, stepCountIs, streamText, tool } from 'ai';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { useTestGateway } from '../../../test-support/gateway/start-test-gateway.js';

// A second real client: the Vercel AI SDK's tool loop (`generateText`/`streamText` with
// `stopWhen`) over both of its OpenAI providers, `openai.chat()` and `openai.responses()`, pointed at
// the gateway with `createOpenAI({ baseURL })`, over every upstream format.
function weatherTool(executed: string[]) {
  return tool({
    description: 'Weather of a city.',
    inputSchema: z.object({ city: z.string() }),
    execute: async ({ city }) => {
      executed.push(city);
      return `18C sunny in ${city}`;
    },
  });
}

/** Every tool result the upstream received, whichever format it speaks. */
function toolResultsSeenUpstream(body: unknown): string[] {
  const record = body as {
    messages?: Array<{ role: string; content: unknown }>;
    input?: Array<{ type?: string; output?: unknown }>;
    contents?: Array<{ parts?: Array<{ functionResponse?: unknown }> }>;
  };
  if (record.contents !== undefined)
    return record.contents.flatMap((content) =>
      (content.parts ?? []).flatMap((part) =>
        part.functionResponse === undefined ? [] : [JSON.stringify(part.functionResponse)],
      ),
    );
  if (record.messages !== undefined)
    return record.messages.flatMap((message) => {
      if (message.role === 'tool') return [JSON.stringify(message.content)];
      // Anthropic: tool results are blocks of a user message.
      if (!Array.isArray(message.content)) return [];
      return (message.content as Array<{ type?: string }>)
        .filter((block) => block.type === 'tool_result')
        .map((block) => JSON.stringify(block));
    });
  return (record.input ?? [])
    .filter((item) => item.type === 'function_call_output')
    .map((item) => JSON.stringify(item.output));
}

describe.each(['chat', 'responses', 'anthropic', 'gemini'] as const)(
  'the Vercel AI SDK through the gateway over a %s upstream',
  (upstreamApi) => {
    const harness = useTestGateway({ upstreamApi });
    // Over a Responses upstream the model also thinks: its reasoning item must survive the loop.
    const think = upstreamApi === 'responses' ? ' #reasoning' : '';

    it.each(['chat', 'responses'] as const)(
      'generateText runs the tool loop with openai.%s(model)',
      async (provider) => {
        const before = harness.upstream.requests.length;
        const openai = createOpenAI({ baseURL: harness.baseURL, apiKey: 'sk-test' });
        const executed: string[] = [];
        const result = await generateText({
          model: provider === 'chat' ? openai.chat('gpt-5.4') : openai.responses('gpt-5.4'),
          tools: { get_weather: weatherTool(executed) },
          stopWhen: stepCountIs(3),
          prompt: `Weather in Paris?${think}`,
        });
        expect(executed).toEqual(['Paris']);
        expect(result.steps).toHaveLength(2);
        expect(result.steps[0]?.finishReason).toBe('tool-calls');
        expect(result.finishReason).toBe('stop');
        expect(result.text).toContain('18C sunny in Paris');
        const bodies = harness.upstream.requests.slice(before).map((request) => request.body);
        expect(bodies).toHaveLength(2);
        expect(toolResultsSeenUpstream(bodies[1]).join()).toContain('18C sunny in Paris');
      },
    );

    it('streamText runs the tool loop and streams the answer (openai.responses)', async () => {
      const openai = createOpenAI({ baseURL: harness.baseURL, apiKey: 'sk-test' });
      const executed: string[] = [];
      const result = streamText({
        model: openai.responses('gpt-5.4'),
        tools: { get_weather: weatherTool(executed) },
        stopWhen: stepCountIs(3),
        prompt: `Weather in Oslo?${think}`,
      });
      const chunks: string[] = [];
      for await (const delta of result.textStream) chunks.push(delta);
      expect(executed).toEqual(['Oslo']);
      expect(chunks.join('')).toContain('18C sunny in Oslo');
      expect((await result.steps).length).toBe(2);
    });

    it('streamText over openai.chat streams too', async () => {
      const openai = createOpenAI({ baseURL: harness.baseURL, apiKey: 'sk-test' });
      const executed: string[] = [];
      const result = streamText({
        model: openai.chat('gpt-5.4'),
        tools: { get_weather: weatherTool(executed) },
        stopWhen: stepCountIs(3),
        prompt: `Weather in Rome?${think}`,
      });
      expect(await result.text).toContain('18C sunny in Rome');
      expect(executed).toEqual(['Rome']);
    });

    it('generateText with store: false, the SDK replaying the history itself (openai.responses)', async () => {
      const openai = createOpenAI({ baseURL: harness.baseURL, apiKey: 'sk-test' });
      const executed: string[] = [];
      const result = await generateText({
        model: openai.responses('gpt-5.4'),
        tools: { get_weather: weatherTool(executed) },
        stopWhen: stepCountIs(3),
        prompt: `Weather in Madrid?${think}`,
        providerOptions: { openai: { store: false } },
      });
      expect(executed).toEqual(['Madrid']);
      expect(result.text).toContain('18C sunny in Madrid');
    });

    it.each(['chat', 'responses'] as const)(
      'toolChoice naming a tool and activeTools narrowing the set are honoured (openai.%s)',
      async (provider) => {
        const openai = createOpenAI({ baseURL: harness.baseURL, apiKey: 'sk-test' });
        const model = provider === 'chat' ? openai.chat('gpt-5.4') : openai.responses('gpt-5.4');
        const executed: string[] = [];
        const clock = tool({
          description: 'The time now in a city.',
          inputSchema: z.object({ city: z.string() }),
          execute: async ({ city }) => `noon in ${city}`,
        });
        const forced = await generateText({
          model,
          tools: { get_weather: weatherTool(executed), get_time: clock },
          toolChoice: { type: 'tool', toolName: 'get_time' },
          prompt: 'Weather in Berlin?',
        });
        expect(forced.toolCalls.map((call) => call.toolName)).toEqual(['get_time']);
        const narrowed = await generateText({
          model,
          tools: { get_weather: weatherTool(executed), get_time: clock },
          activeTools: ['get_weather'],
          toolChoice: 'required',
          prompt: 'What time is it in Berlin?',
        });
        expect(narrowed.toolCalls.map((call) => call.toolName)).toEqual(['get_weather']);
      },
    );
  },
);
