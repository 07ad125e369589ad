import { Agent, Runner, tool } from '@openai/agents';
import { OpenAIProvider } from '@openai/agents-openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { z } from 'zod';
import { useTestGateway } from '../../../test-support/gateway/start-test-gateway.js';

// A third real client: the OpenAI Agents SDK's runner, with both of its OpenAI models (Responses and
// Chat Completions), pointed at the gateway with `OpenAIProvider({ baseURL })`, over every upstream
// format. Tracing is off: it would export to OpenAI.
function weatherAgent(executed: string[]) {
  const getWeather = tool({
    name: 'get_weather',
    description: 'Weather of a city.',
    parameters: z.object({ city: z.string() }),
    execute: async ({ city }) => {
      executed.push(city);
      return `18C sunny in ${city}`;
    },
  });
  return new Agent({ name: 'Weather', instructions: 'Answer with the weather.', tools: [getWeather] });
}

function idOf(id: string | undefined): string {
  if (id === undefined) throw new Error('the run has no last response id');
  return id;
}

function runner(baseURL: string, useResponses: boolean): Runner {
  return new Runner({
    modelProvider: new OpenAIProvider({ baseURL, apiKey: 'sk-test', useResponses }),
    model: 'gpt-5.4',
    tracingDisabled: true,
  });
}

describe.each(['chat', 'responses', 'anthropic', 'gemini'] as const)(
  'the OpenAI Agents SDK through the gateway over a %s upstream',
  (upstreamApi) => {
    const harness = useTestGateway({ upstreamApi });
    // Over a Responses upstream the model also thinks: its reasoning item must survive the loop.
    const think = upstreamApi === 'responses' ? ' #reasoning' : '';

    it.each([true, false])('runs the tool loop (Responses model: %s)', async (useResponses) => {
      const executed: string[] = [];
      const result = await runner(harness.baseURL, useResponses).run(
        weatherAgent(executed),
        `Weather in Paris?${think}`,
      );
      expect(executed).toEqual(['Paris']);
      expect(result.finalOutput).toContain('18C sunny in Paris');
      const bodies = harness.requestsSinceMark();
      expect(bodies).toHaveLength(2);
    });

    it.each([true, false])('streams the tool loop (Responses model: %s)', async (useResponses) => {
      const executed: string[] = [];
      const result = await runner(harness.baseURL, useResponses).run(
        weatherAgent(executed),
        `Weather in Oslo?${think}`,
        { stream: true },
      );
      const chunks: string[] = [];
      for await (const text of result.toTextStream()) chunks.push(text);
      await result.completed;
      expect(executed).toEqual(['Oslo']);
      expect(chunks.join('')).toContain('18C sunny in Oslo');
      expect(result.finalOutput).toContain('18C sunny in Oslo');
    });

    it.each([true, false])(
      'runs parallel calls, each paired with its result (Responses model: %s)',
      async (useResponses) => {
        const executed: string[] = [];
        const result = await runner(harness.baseURL, useResponses).run(
          weatherAgent(executed),
          `Weather in Paris and in Oslo? #parallel${think}`,
        );
        expect([...executed].sort()).toEqual(['Oslo', 'Paris']);
        expect(result.finalOutput).toContain('18C sunny in Paris');
        expect(result.finalOutput).toContain('18C sunny in Oslo');
      },
    );

    it.each([true, false])(
      'ends with structured output of its outputType (Responses model: %s)',
      async (useResponses) => {
        const executed: string[] = [];
        const agent = new Agent({
          name: 'Weather report',
          instructions: 'Report the weather.',
          tools: weatherAgent(executed).tools,
          outputType: z.object({ report: z.string(), sunny: z.boolean() }),
        });
        const result = await runner(harness.baseURL, useResponses).run(agent, `Weather in Paris?${think}`);
        expect(executed).toEqual(['Paris']);
        // The SDK parsed the answer against its schema: an object, not text.
        expect(result.finalOutput).toEqual({
          report: expect.stringContaining('18C sunny in Paris'),
          sunny: false,
        });
        const lastBody = JSON.stringify(harness.requestsSinceMark().at(-1)?.body);
        // The schema reached the upstream in its own form (response_format, text.format, output_config, generationConfig).
        expect(lastBody).toContain('"sunny"');
        // Streamed, the JSON arrives in pieces and is parsed once whole.
        const streamed = await runner(harness.baseURL, useResponses).run(agent, `Weather in Oslo?${think}`, {
          stream: true,
        });
        for await (const _event of streamed) {
          // drained
        }
        await streamed.completed;
        expect(streamed.finalOutput).toEqual({
          report: expect.stringContaining('18C sunny in Oslo'),
          sunny: false,
        });
      },
    );

    it.each([true, false])(
      'hands off to another agent through the gateway (Responses model: %s)',
      async (useResponses) => {
        const executed: string[] = [];
        const weather = weatherAgent(executed);
        const triage = Agent.create({
          name: 'Triage',
          instructions: 'Hand weather questions to the weather agent.',
          handoffs: [weather],
        });
        const result = await runner(harness.baseURL, useResponses).run(triage, `Weather in Paris?${think}`);
        expect(result.lastAgent?.name).toBe('Weather');
        // The SDK's handoff call and its output went through the gateway and back to the model.
        const bodies = JSON.stringify(harness.requestsSinceMark().map((request) => request.body));
        expect(bodies).toContain('transfer_to_Weather');
      },
    );

    it.each([true, false])(
      'honours toolChoice "required" with parallel calls off (Responses model: %s)',
      async (useResponses) => {
        const executed: string[] = [];
        const agent = weatherAgent(executed).clone({
          modelSettings: { toolChoice: 'required', parallelToolCalls: false },
        });
        const result = await runner(harness.baseURL, useResponses).run(
          agent,
          `Weather in Paris and in Oslo? #parallel${think}`,
        );
        // One call per turn (parallel off, enforced by the gateway whatever the upstream did); the SDK
        // resets the forced choice after a tool ran, so the run ends with an answer.
        expect(executed[0]).toBe('Paris');
        expect(typeof result.finalOutput).toBe('string');
      },
    );

    it('runs statelessly with store: false, replaying its items (Responses model)', async () => {
      const executed: string[] = [];
      const agent = weatherAgent(executed).clone({ modelSettings: { store: false } });
      const result = await runner(harness.baseURL, true).run(agent, `Weather in Madrid?${think}`);
      expect(executed).toEqual(['Madrid']);
      expect(result.finalOutput).toContain('18C sunny in Madrid');
      // Nothing was stored at the gateway: the SDK carried the history itself.
      await expect(harness.client.responses.retrieve(idOf(result.lastResponseId))).rejects.toMatchObject({
        status: 404,
      });
    });

    it.each([true, false])(
      'thinks with reasoning effort and keeps its reasoning through the loop (Responses model: %s)',
      async (useResponses) => {
        const executed: string[] = [];
        const agent = weatherAgent(executed).clone({ modelSettings: { reasoning: { effort: 'low' } } });
        const result = await runner(harness.baseURL, useResponses).run(agent, `Weather in Madrid?${think}`);
        expect(executed).toEqual(['Madrid']);
        expect(result.finalOutput).toContain('18C sunny in Madrid');
        if (upstreamApi === 'anthropic') {
          // Claude wants its signed thinking block back before the tool result. The Responses model
          // carries it (the reasoning item's encrypted_content); the Agents SDK's Chat model does not
          // echo `thinking_blocks`, so that turn goes without thinking (docs/protocol/anthropic.md §6).
          const second = JSON.stringify(harness.requestsSinceMark()[1]?.body);
          if (useResponses) expect(second).toContain('"type":"thinking"');
          else expect(second).not.toContain('"thinking"');
        }
      },
    );

    it('continues a stored run with previousResponseId (Responses model)', async () => {
      const executed: string[] = [];
      const agent = weatherAgent(executed);
      const first = await runner(harness.baseURL, true).run(agent, `Weather in Paris?${think}`);
      expect(first.lastResponseId).toMatch(/^resp_/);
      const second = await runner(harness.baseURL, true).run(agent, `And in Rome?${think}`, {
        previousResponseId: idOf(first.lastResponseId),
      });
      expect(executed).toEqual(['Paris', 'Rome']);
      expect(second.finalOutput).toContain('18C sunny in Rome');
      const continued = harness.requestsSinceMark().at(-1)?.body as {
        input?: unknown[];
        messages?: unknown[];
        contents?: unknown[];
      };
      // The upstream got the whole conversation: the gateway resolved the chain.
      expect((continued.input ?? continued.messages ?? continued.contents ?? []).length).toBeGreaterThan(4);
    });
  },
);

// Its Responses model over WebSocket mode (`useResponsesWebSocket`) needs a global WebSocket that takes
// headers; Node 20 has none, so the `ws` package stands in for this file.
describe.each(['chat', 'responses'] as const)(
  'the OpenAI Agents SDK over WebSocket mode, %s upstream',
  (upstreamApi) => {
    const harness = useTestGateway({ upstreamApi });
    const think = upstreamApi === 'responses' ? ' #reasoning' : '';
    const global = globalThis as { WebSocket?: unknown };
    const hadWebSocket = global.WebSocket !== undefined;
    beforeAll(() => {
      if (!hadWebSocket) global.WebSocket = WebSocket;
    });
    afterAll(() => {
      if (!hadWebSocket) delete global.WebSocket;
    });

    it('runs and streams tool loops on one socket, continuing with previous_response_id', async () => {
      const executed: string[] = [];
      const agent = weatherAgent(executed);
      const provider = new OpenAIProvider({
        baseURL: harness.baseURL,
        apiKey: 'sk-test',
        useResponses: true,
        useResponsesWebSocket: true,
      });
      const ws = new Runner({ modelProvider: provider, model: 'gpt-5.4', tracingDisabled: true });
      try {
        const first = await ws.run(agent, `Weather in Paris?${think}`);
        expect(first.finalOutput).toContain('18C sunny in Paris');
        const streamed = await ws.run(agent, `And in Oslo?${think}`, {
          stream: true,
          previousResponseId: idOf(first.lastResponseId),
        });
        let text = '';
        for await (const delta of streamed.toTextStream()) text += delta;
        await streamed.completed;
        expect(text).toContain('18C sunny in Oslo');
        expect(executed).toEqual(['Paris', 'Oslo']);
        // Two upstream turns per tool loop.
        expect(harness.requestsSinceMark()).toHaveLength(4);
      } finally {
        await provider.close();
      }
    });
  },
);
