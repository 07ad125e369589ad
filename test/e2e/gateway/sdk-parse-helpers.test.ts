import { zodFunction, zodResponseFormat, zodResponsesFunction, zodTextFormat } from 'openai/helpers/zod';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { useTestGateway } from '../../../test-support/gateway/start-test-gateway.js';

// The official SDK's parse helpers through the gateway: tools declared with zod are sent strict, and
// the SDK parses the calls' arguments (and a structured answer) against the same zod schemas — which
// only works when what comes back is exactly what the schema allows, over every upstream format.
const Weather = z.object({ city: z.string(), unit: z.enum(['celsius', 'fahrenheit']) });
const Report = z.object({ report: z.string(), sunny: z.boolean() });

describe.each(['chat', 'responses', 'anthropic', 'gemini'] as const)(
  'the SDK parse helpers through the gateway over a %s upstream',
  (upstreamApi) => {
    const harness = useTestGateway({ upstreamApi });

    it('responses.parse: parsed_arguments of a zodResponsesFunction call, then output_parsed', async () => {
      const tool = zodResponsesFunction({ name: 'get_weather', parameters: Weather });
      const first = await harness.client.responses.parse({
        model: 'gpt-5.4',
        input: 'Weather in Paris, in fahrenheit?',
        tools: [tool],
      });
      const call = first.output.find((item) => item.type === 'function_call');
      if (call?.type !== 'function_call') throw new Error('no call');
      expect(call.parsed_arguments).toEqual({ city: 'Paris', unit: 'fahrenheit' });
      const second = await harness.client.responses.parse({
        model: 'gpt-5.4',
        previous_response_id: first.id,
        input: [{ type: 'function_call_output', call_id: call.call_id, output: '18C sunny' }],
        tools: [tool],
        text: { format: zodTextFormat(Report, 'report') },
      });
      expect(second.output_parsed).toEqual({ report: expect.stringContaining('18C sunny'), sunny: false });
    });

    it('chat.completions.parse: parsed_arguments of a zodFunction call, then message.parsed', async () => {
      const tool = zodFunction({ name: 'get_weather', parameters: Weather });
      const question = { role: 'user' as const, content: 'Weather in Oslo?' };
      const first = await harness.client.chat.completions.parse({
        model: 'gpt-5.4',
        messages: [question],
        tools: [tool],
      });
      const call = first.choices[0]?.message.tool_calls?.[0];
      if (call?.type !== 'function') throw new Error('no call');
      expect(call.function.parsed_arguments).toEqual({ city: 'Oslo', unit: 'celsius' });
      const second = await harness.client.chat.completions.parse({
        model: 'gpt-5.4',
        messages: [
          question,
          { role: 'assistant', tool_calls: [call] },
          { role: 'tool', tool_call_id: call.id, content: '18C sunny' },
        ],
        tools: [tool],
        response_format: zodResponseFormat(Report, 'report'),
      });
      expect(second.choices[0]?.message.parsed).toEqual({
        report: expect.stringContaining('18C sunny'),
        sunny: false,
      });
    });
  },
);
