import { type AIMessageChunk, type BaseMessage, HumanMessage } from '@langchain/core/messages';
import { tool } from '@langchain/core/tools';
import { ChatOpenAI } from '@langchain/openai';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { useTestGateway } from '../../../test-support/gateway/start-test-gateway.js';

// A fourth real client: LangChain's `ChatOpenAI` with tools bound, on Chat Completions and on the
// Responses API (`useResponsesApi`), pointed at the gateway with `configuration.baseURL`; the loop is
// LangChain's usual one (invoke, run each tool call into a ToolMessage, invoke again).
function weatherTool(executed: string[]) {
  return tool(
    async ({ city }: { city: string }) => {
      executed.push(city);
      return `18C sunny in ${city}`;
    },
    { name: 'get_weather', description: 'Weather of a city.', schema: z.object({ city: z.string() }) },
  );
}

/** LangChain's OpenAI chat model pointed at the gateway, on Chat Completions or the Responses API. */
function chatOpenAI(baseURL: string, useResponsesApi: boolean): ChatOpenAI {
  return new ChatOpenAI({
    model: 'gpt-5.4',
    apiKey: 'sk-test',
    configuration: { baseURL },
    useResponsesApi,
    maxRetries: 0,
  });
}

describe.each(['chat', 'responses', 'anthropic', 'gemini'] as const)(
  'LangChain ChatOpenAI through the gateway over a %s upstream',
  (upstreamApi) => {
    const harness = useTestGateway({ upstreamApi });
    // Over a Responses upstream the model also thinks: its reasoning item must survive the loop.
    const think = upstreamApi === 'responses' ? ' #reasoning' : '';

    it.each([false, true])(
      'runs a tool loop (useResponsesApi: %s, streaming too)',
      async (useResponsesApi) => {
        const executed: string[] = [];
        const getWeather = weatherTool(executed);
        const model = chatOpenAI(harness.baseURL, useResponsesApi).bindTools([getWeather]);
        const messages: BaseMessage[] = [new HumanMessage(`Weather in Paris?${think}`)];
        const first = await model.invoke(messages);
        expect(first.tool_calls?.map((call) => call.args)).toEqual([{ city: 'Paris' }]);
        messages.push(first);
        for (const call of first.tool_calls ?? []) messages.push(await getWeather.invoke(call));
        const answer = await model.invoke(messages);
        expect(answer.text).toContain('18C sunny in Paris');
        expect(executed).toEqual(['Paris']);

        // A turn streamed: the chunks add up to the call.
        let streamed: AIMessageChunk | undefined;
        for await (const chunk of await model.stream([new HumanMessage(`Weather in Oslo?${think}`)]))
          streamed = streamed === undefined ? chunk : streamed.concat(chunk);
        expect(streamed?.tool_calls?.map((call) => call.args)).toEqual([{ city: 'Oslo' }]);
      },
    );

    it.each([false, true])(
      'withStructuredOutput returns the parsed object (useResponsesApi: %s)',
      async (useResponsesApi) => {
        const model = chatOpenAI(harness.baseURL, useResponsesApi).withStructuredOutput(
          z.object({ city: z.string(), sunny: z.boolean() }),
          { name: 'weather' },
        );
        const parsed = await model.invoke(`Weather in Paris?${think}`);
        expect(parsed).toEqual({ city: expect.stringContaining('Paris'), sunny: false });
      },
    );
  },
);
