import type OpenAI from 'openai';
import { describe, expect, it } from 'vitest';
import { expectOpenAIError } from '../../../test-support/gateway/expect-openai-error.js';
import { useTestGateway } from '../../../test-support/gateway/start-test-gateway.js';
import { chatWeatherTool, responsesWeatherTool } from '../../../test-support/gateway/weather-tools.js';

// Parallel calls and the pairing rules of both endpoints (E1–E3,
// docs/protocol/chat-completions.md#pairing-rules; E13–E15, docs/protocol/responses.md#pairing-rules;
// conformance cases 17–21, 25, 48–53), over each upstream format. Every pairing error is a 400 that never
// reaches the upstream.
const chatTools = [chatWeatherTool()];
const responsesTools = [responsesWeatherTool()];
/** A 400 pairing error on `input`, as OpenAI reports E13–E15 (code null). */
const inputError = (message: string) => ({
  status: 400,
  message,
  type: 'invalid_request_error',
  param: 'input',
  code: null,
});
/** A 400 pairing error on a Chat message, as OpenAI reports E1–E3 (code null). */
const messageError = (message: string | RegExp, index: number) => ({
  status: 400,
  message,
  type: 'invalid_request_error',
  param: `messages.[${index}].role`,
  code: null,
});
const question = 'Weather in Paris and Oslo?';

function functionCalls(response: OpenAI.Responses.Response): OpenAI.Responses.ResponseFunctionToolCall[] {
  return response.output.filter(
    (item): item is OpenAI.Responses.ResponseFunctionToolCall => item.type === 'function_call',
  );
}

describe.each(['chat', 'responses'] as const)(
  'parallel calls and pairing over a %s upstream',
  (upstreamApi) => {
    const harness = useTestGateway({ upstreamApi });
    const upstreamCalls = () => harness.requestsSinceMark().length;
    const lastUpstreamBody = () => harness.upstream.requests.at(-1)?.body as Record<string, unknown>;

    describe('Chat Completions', () => {
      it('returns two parallel calls and answers with both results (case 21)', async () => {
        const r1 = await harness.client.chat.completions.create({
          model: 'gpt-5.4',
          messages: [{ role: 'user', content: question }],
          tools: chatTools,
        });
        const choice = r1.choices[0];
        expect(choice?.finish_reason).toBe('tool_calls');
        expect(choice?.message.content).toBeNull();
        const calls = (choice?.message.tool_calls ?? []).filter((call) => call.type === 'function');
        expect(calls.map((call) => JSON.parse(call.function.arguments))).toEqual([
          { city: 'Paris' },
          { city: 'Oslo' },
        ]);
        expect(new Set(calls.map((call) => call.id)).size).toBe(2);
        for (const call of calls) expect(call.id).toMatch(/^call_/);
        const [paris, oslo] = calls;
        if (paris === undefined || oslo === undefined) throw new Error('expected two calls');
        const r2 = await harness.client.chat.completions.create({
          model: 'gpt-5.4',
          tools: chatTools,
          messages: [
            { role: 'user', content: question },
            choice!.message,
            { role: 'tool', tool_call_id: paris.id, content: '18C sunny' },
            { role: 'tool', tool_call_id: oslo.id, content: [{ type: 'text', text: '9C rain' }] },
          ],
        });
        expect(r2.choices[0]?.finish_reason).toBe('stop');
        expect(r2.choices[0]?.message.content).toContain('18C sunny');
        expect(r2.choices[0]?.message.content).toContain('9C rain');
        expect(upstreamCalls()).toBe(2);
        // The upstream received both results, in call order, paired with the ids it generated.
        const sent = JSON.stringify(lastUpstreamBody());
        if (upstreamApi === 'chat') {
          const messages = lastUpstreamBody()['messages'] as Array<Record<string, unknown>>;
          expect(
            messages
              .filter((message) => message['role'] === 'tool')
              .map((message) => message['tool_call_id']),
          ).toEqual([paris.id, oslo.id]);
        } else {
          const input = lastUpstreamBody()['input'] as Array<Record<string, unknown>>;
          expect(
            input.filter((item) => item['type'] === 'function_call_output').map((item) => item['call_id']),
          ).toEqual([paris.id, oslo.id]);
          expect(
            input.filter((item) => item['type'] === 'function_call').map((item) => item['call_id']),
          ).toEqual([paris.id, oslo.id]);
        }
        expect(sent).toContain('9C rain');
      });

      it('streams two parallel calls sequentially, indices 0 then 1 (case 25)', async () => {
        const stream = await harness.client.chat.completions.create({
          model: 'gpt-5.4',
          messages: [{ role: 'user', content: `${question} #fragments=3` }],
          tools: chatTools,
          stream: true,
        });
        const indices: number[] = [];
        const ids: string[] = [];
        for await (const chunk of stream) {
          for (const delta of chunk.choices[0]?.delta.tool_calls ?? []) {
            indices.push(delta.index);
            if (delta.id !== undefined) ids.push(delta.id);
          }
        }
        const firstOne = indices.indexOf(1);
        expect(firstOne).toBeGreaterThan(0);
        expect(indices.slice(0, firstOne).every((index) => index === 0)).toBe(true);
        expect(indices.slice(firstOne).every((index) => index === 1)).toBe(true);
        expect(ids).toHaveLength(2);
      });

      it.each(['#interleave', '#no-index'])(
        'an upstream sending parallel calls %s reaches the client sequential and whole (C5)',
        async (directive) => {
          const stream = await harness.client.chat.completions.create({
            model: 'gpt-5.4',
            messages: [{ role: 'user', content: `${question} ${directive} #fragments=3` }],
            tools: chatTools,
            stream: true,
          });
          const order: number[] = [];
          const calls = new Map<number, { id: string; arguments: string }>();
          for await (const chunk of stream) {
            for (const delta of chunk.choices[0]?.delta.tool_calls ?? []) {
              if (order.at(-1) !== delta.index) order.push(delta.index);
              const entry = calls.get(delta.index) ?? { id: '', arguments: '' };
              entry.id += delta.id ?? '';
              entry.arguments += delta.function?.arguments ?? '';
              calls.set(delta.index, entry);
            }
          }
          expect(order).toEqual([0, 1]);
          expect([...calls.values()].map((call) => JSON.parse(call.arguments))).toEqual([
            { city: 'Paris' },
            { city: 'Oslo' },
          ]);
          for (const call of calls.values()) expect(call.id).toMatch(/^call_[A-Za-z0-9]+$/);
        },
      );

      it('E1: two calls, one tool message → 400 listing only the unanswered id (case 18)', async () => {
        const messages: OpenAI.ChatCompletionMessageParam[] = [
          { role: 'user', content: question },
          {
            role: 'assistant',
            content: null,
            tool_calls: [
              {
                id: 'call_A1',
                type: 'function',
                function: { name: 'get_weather', arguments: '{"city":"Paris"}' },
              },
              {
                id: 'call_B2',
                type: 'function',
                function: { name: 'get_weather', arguments: '{"city":"Oslo"}' },
              },
            ],
          },
          { role: 'tool', tool_call_id: 'call_A1', content: '18C' },
        ];
        await expectOpenAIError(
          harness.client.chat.completions.create({ model: 'gpt-5.4', messages, tools: chatTools }),
          messageError(
            "An assistant message with 'tool_calls' must be followed by tool messages responding to each 'tool_call_id'. The following tool_call_ids did not have response messages: call_B2",
            1,
          ),
        );
        expect(upstreamCalls()).toBe(0);
      });

      it('E1: no tool message at all names the call (case 17), also when streaming', async () => {
        const messages: OpenAI.ChatCompletionMessageParam[] = [
          { role: 'user', content: question },
          {
            role: 'assistant',
            content: null,
            tool_calls: [
              { id: 'call_A1', type: 'function', function: { name: 'get_weather', arguments: '{}' } },
            ],
          },
          { role: 'user', content: 'and?' },
        ];
        await expectOpenAIError(
          harness.client.chat.completions.create({
            model: 'gpt-5.4',
            messages,
            tools: chatTools,
            stream: true,
          }),
          messageError(/The following tool_call_ids did not have response messages: call_A1$/, 1),
        );
        expect(upstreamCalls()).toBe(0);
      });

      it('E2: a tool message without a preceding tool_calls message (case 19)', async () => {
        await expectOpenAIError(
          harness.client.chat.completions.create({
            model: 'gpt-5.4',
            tools: chatTools,
            messages: [
              { role: 'tool', tool_call_id: 'call_X', content: 'orphan' },
              { role: 'user', content: question },
            ],
          }),
          messageError(
            "Invalid parameter: messages with role 'tool' must be a response to a preceeding message with 'tool_calls'.",
            0,
          ),
        );
        expect(upstreamCalls()).toBe(0);
      });

      it('E3: a tool_call_id that the previous message did not make (case 20)', async () => {
        await expectOpenAIError(
          harness.client.chat.completions.create({
            model: 'gpt-5.4',
            tools: chatTools,
            messages: [
              { role: 'user', content: question },
              {
                role: 'assistant',
                content: null,
                tool_calls: [
                  { id: 'call_A1', type: 'function', function: { name: 'get_weather', arguments: '{}' } },
                ],
              },
              { role: 'tool', tool_call_id: 'call_WRONG', content: '18C' },
            ],
          }),
          messageError(
            "Invalid parameter: 'tool_call_id' of 'call_WRONG' not found in 'tool_calls' of previous message.",
            2,
          ),
        );
        expect(upstreamCalls()).toBe(0);
      });
    });

    describe('Responses', () => {
      it('returns two parallel calls; previous_response_id with both outputs answers (case 48)', async () => {
        const r1 = await harness.client.responses.create({
          model: 'gpt-5.4',
          input: question,
          tools: responsesTools,
        });
        const calls = functionCalls(r1);
        expect(calls.map((call) => JSON.parse(call.arguments))).toEqual([
          { city: 'Paris' },
          { city: 'Oslo' },
        ]);
        for (const call of calls) {
          expect(call.id).toMatch(/^fc_/);
          expect(call.call_id).toMatch(/^call_/);
          expect(call.status).toBe('completed');
        }
        const r2 = await harness.client.responses.create({
          model: 'gpt-5.4',
          previous_response_id: r1.id,
          tools: responsesTools,
          input: calls.map((call, index) => ({
            type: 'function_call_output' as const,
            call_id: call.call_id,
            output: index === 0 ? '18C sunny' : '9C rain',
          })),
        });
        expect(r2.previous_response_id).toBe(r1.id);
        expect(r2.output_text).toContain('18C sunny');
        expect(r2.output_text).toContain('9C rain');
        expect(upstreamCalls()).toBe(2);
        // The stateless upstream got the chain replayed: the question, both calls, both outputs.
        const sent = JSON.stringify(lastUpstreamBody());
        expect(sent).toContain(question);
        for (const call of calls) expect(sent.split(call.call_id).length - 1).toBe(2);
      });

      it('E13: previous_response_id with one of two outputs names the missing call (case 50)', async () => {
        const r1 = await harness.client.responses.create({
          model: 'gpt-5.4',
          input: question,
          tools: responsesTools,
        });
        const [first, second] = functionCalls(r1);
        if (first === undefined || second === undefined) throw new Error('expected two calls');
        harness.mark();
        await expectOpenAIError(
          harness.client.responses.create({
            model: 'gpt-5.4',
            previous_response_id: r1.id,
            tools: responsesTools,
            input: [{ type: 'function_call_output', call_id: first.call_id, output: '18C' }],
          }),
          inputError(`No tool output found for function call ${second.call_id}.`),
        );
        expect(upstreamCalls()).toBe(0);
      });

      it('E13: previous_response_id and no output at all (case 49), also when streaming', async () => {
        const r1 = await harness.client.responses.create({
          model: 'gpt-5.4',
          input: 'Weather in Paris?',
          tools: responsesTools,
        });
        const [call] = functionCalls(r1);
        harness.mark();
        await expectOpenAIError(
          harness.client.responses.create({
            model: 'gpt-5.4',
            previous_response_id: r1.id,
            tools: responsesTools,
            input: 'What now?',
            stream: true,
          }),
          inputError(`No tool output found for function call ${call?.call_id}.`),
        );
        expect(upstreamCalls()).toBe(0);
      });

      it('E14: an output without any call (case 51)', async () => {
        await expectOpenAIError(
          harness.client.responses.create({
            model: 'gpt-5.4',
            tools: responsesTools,
            input: [{ type: 'function_call_output', call_id: 'call_nowhere', output: '18C' }],
          }),
          inputError('No tool call found for function call output with call_id call_nowhere.'),
        );
        expect(upstreamCalls()).toBe(0);
      });

      it("E15: resending turn 1's fc_ item with previous_response_id (case 53)", async () => {
        const r1 = await harness.client.responses.create({
          model: 'gpt-5.4',
          input: 'Weather in Paris?',
          tools: responsesTools,
        });
        const [call] = functionCalls(r1);
        if (call === undefined) throw new Error('expected a call');
        harness.mark();
        await expectOpenAIError(
          harness.client.responses.create({
            model: 'gpt-5.4',
            previous_response_id: r1.id,
            tools: responsesTools,
            input: [call, { type: 'function_call_output', call_id: call.call_id, output: '18C' }],
          }),
          inputError(
            `Duplicate item found with id ${call.id}. Remove duplicate items from your input and try again.`,
          ),
        );
        expect(upstreamCalls()).toBe(0);
      });

      it('replays a stateless history (user, fc_ call with id, output) with store:false (case 52)', async () => {
        const r1 = await harness.client.responses.create({
          model: 'gpt-5.4',
          input: 'Weather in Paris?',
          tools: responsesTools,
          store: false,
        });
        const [call] = functionCalls(r1);
        if (call === undefined) throw new Error('expected a call');
        const r2 = await harness.client.responses.create({
          model: 'gpt-5.4',
          tools: responsesTools,
          store: false,
          input: [
            { role: 'user', content: 'Weather in Paris?' },
            call,
            { type: 'function_call_output', call_id: call.call_id, output: '21C clear' },
          ],
        });
        expect(r2.output_text).toContain('21C clear');
        expect(JSON.stringify(lastUpstreamBody())).toContain('21C clear');
      });
    });
  },
);
