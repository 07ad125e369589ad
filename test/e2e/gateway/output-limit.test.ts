import type OpenAI from 'openai';
import { describe, expect, it } from 'vitest';
import { useTestGateway } from '../../../test-support/gateway/start-test-gateway.js';
import { cityParameters } from '../../../test-support/gateway/weather-tools.js';

// A turn the upstream cut off at its output limit (`#length`; docs/protocol/responses.md#endings,
// case 64; docs/adr/0008-tool-loop-rules.md rule 2): truncated arguments must never look like a
// complete call.
// The finish reason stays `length` / the response `incomplete`; a cut-off call of a non-strict tool
// goes through marked incomplete, one of a strict tool is dropped (it cannot be valid), and neither
// is "repaired" by re-asking into the same limit.
const parameters = cityParameters;
const chatTool = (strict: boolean): OpenAI.ChatCompletionTool => ({
  type: 'function',
  function: { name: 'get_weather', parameters, strict },
});
const responsesTool = (strict: boolean): OpenAI.Responses.FunctionTool => ({
  type: 'function',
  name: 'get_weather',
  parameters,
  strict,
});
const prompt = 'Weather in Paris? #length';

describe.each(['chat', 'responses'] as const)(
  'turns cut off by the output limit over a %s upstream',
  (upstreamApi) => {
    const harness = useTestGateway({ upstreamApi });
    const upstreamCalls = () => harness.requestsSinceMark().length;

    describe.each([false, true])('strict %s', (strict) => {
      it('Chat endpoint, JSON: finish_reason "length", never "tool_calls"', async () => {
        const { data, response } = await harness.client.chat.completions
          .create({
            model: 'gpt-5.4',
            messages: [{ role: 'user', content: prompt }],
            tools: [chatTool(strict)],
          })
          .withResponse();
        const choice = data.choices[0];
        expect(choice?.finish_reason).toBe('length');
        const calls = choice?.message.tool_calls ?? [];
        if (strict) {
          expect(calls).toEqual([]);
          expect(response.headers.get('x-toolbridge-adjusted')).toContain(
            "dropped a call to 'get_weather' cut off",
          );
        } else {
          expect(calls).toHaveLength(1);
          const call = calls[0];
          expect(call?.type === 'function' && call.function.arguments).toBe('{"city":');
        }
        expect(upstreamCalls()).toBe(1);
      });

      it('Chat endpoint, stream: the last chunk says "length"', async () => {
        const stream = await harness.client.chat.completions.create({
          model: 'gpt-5.4',
          messages: [{ role: 'user', content: prompt }],
          tools: [chatTool(strict)],
          stream: true,
        });
        const finishes: Array<string | null> = [];
        let argumentsText = '';
        for await (const chunk of stream) {
          finishes.push(chunk.choices[0]?.finish_reason ?? null);
          for (const delta of chunk.choices[0]?.delta.tool_calls ?? [])
            argumentsText += delta.function?.arguments ?? '';
        }
        expect(finishes.filter((finish) => finish !== null)).toEqual(['length']);
        expect(argumentsText).toBe(strict ? '' : '{"city":');
        expect(upstreamCalls()).toBe(1);
      });

      it('Responses endpoint, JSON: status "incomplete" with max_output_tokens', async () => {
        const response = await harness.client.responses.create({
          model: 'gpt-5.4',
          input: prompt,
          tools: [responsesTool(strict)],
        });
        expect(response.status).toBe('incomplete');
        expect(response.incomplete_details).toEqual({ reason: 'max_output_tokens' });
        const calls = response.output.filter((item) => item.type === 'function_call');
        if (strict) expect(calls).toEqual([]);
        else
          expect(calls).toEqual([expect.objectContaining({ arguments: '{"city":', status: 'incomplete' })]);
        expect(upstreamCalls()).toBe(1);
        expect(await harness.client.responses.retrieve(response.id)).toEqual(response);
      });

      it('Responses endpoint, stream: response.incomplete; finalResponse() resolves incomplete (case 64)', async () => {
        const stream = harness.client.responses.stream({
          model: 'gpt-5.4',
          input: prompt,
          tools: [responsesTool(strict)],
        });
        const types: string[] = [];
        stream.on('event', (event) => types.push(event.type));
        const final = await stream.finalResponse();
        expect(types.at(-1)).toBe('response.incomplete');
        expect(types).not.toContain('response.completed');
        expect(final.status).toBe('incomplete');
        const calls = final.output.filter((item) => item.type === 'function_call');
        if (strict) expect(calls).toEqual([]);
        else
          expect(calls).toEqual([expect.objectContaining({ arguments: '{"city":', status: 'incomplete' })]);
        expect(upstreamCalls()).toBe(1);
      });
    });

    it('a text answer cut off by max_output_tokens is incomplete too', async () => {
      const response = await harness.client.responses.create({
        model: 'gpt-5.4',
        input: `Tell me everything about ${'the weather in Paris and Oslo '.repeat(20)}`,
        max_output_tokens: 16,
      });
      expect(response.status).toBe('incomplete');
      expect(response.incomplete_details).toEqual({ reason: 'max_output_tokens' });
      const sent = harness.upstream.requests.at(-1)?.body as Record<string, unknown>;
      expect(sent[upstreamApi === 'chat' ? 'max_completion_tokens' : 'max_output_tokens']).toBe(16);
    });

    describe('whole-turn enforcement (tool_choice emulated, stream)', () => {
      const emulated = useTestGateway({ upstreamApi, capabilities: { nativeToolChoice: false } });

      it('a cut-off call replayed from the whole turn is still "length" / incomplete', async () => {
        const final = await emulated.client.chat.completions
          .stream({
            model: 'gpt-5.4',
            messages: [{ role: 'user', content: prompt }],
            tools: [chatTool(false)],
            tool_choice: 'required',
          })
          .finalChatCompletion();
        expect(final.choices[0]?.finish_reason).toBe('length');
        const response = await emulated.client.responses
          .stream({ model: 'gpt-5.4', input: prompt, tools: [responsesTool(false)], tool_choice: 'required' })
          .finalResponse();
        expect(response.status).toBe('incomplete');
        expect(response.output).toEqual([
          expect.objectContaining({ arguments: '{"city":', status: 'incomplete' }),
        ]);
        expect(emulated.upstream.requests).toHaveLength(2);
      });
    });
  },
);
