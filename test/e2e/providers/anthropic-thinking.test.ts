import type OpenAI from 'openai';
import { describe, expect, it } from 'vitest';
import {
  chatCalls,
  chatTurn,
  recordingClient,
  responseCalls,
  responsesTurn,
} from '../../../test-support/gateway/openai-turns.js';
import { useTestGateway } from '../../../test-support/gateway/start-test-gateway.js';
import { chatWeatherTool, responsesWeatherTool } from '../../../test-support/gateway/weather-tools.js';

// Anthropic thinking blocks survive a second turn on both client endpoints (docs/protocol/anthropic.md
// §6, case A-44): on Chat as reasoning_content + thinking_blocks on the assistant message, on
// Responses as reasoning items whose encrypted_content holds a tb1.anthropic blob. The scripted
// upstream signs its thinking and refuses a block that comes back altered or missing.
type Body = Record<string, unknown>;
type Message = { role: string; content: Array<Record<string, unknown>> };
const model = 'claude-sonnet-5';
const question = 'Weather in Paris? #redacted-thinking';

describe.each([false, true])('thinking round trip over Anthropic, stream=%s', (stream) => {
  const harness = useTestGateway({ upstreamApi: 'anthropic' });
  const lastBody = () => harness.requestsSinceMark().at(-1)?.body as Body;

  it('chat: the assistant message carries the blocks; echoed unchanged, they go back exactly', async () => {
    const ask: OpenAI.ChatCompletionMessageParam = { role: 'user', content: question };
    const tools = [chatWeatherTool()];
    const first = await chatTurn(
      harness.client,
      { model, messages: [ask], tools, reasoning_effort: 'low' },
      stream,
    );
    expect(lastBody()['thinking']).toEqual({ type: 'enabled', budget_tokens: 1024 });
    expect(lastBody()['max_tokens']).toBe(4096 + 1024);
    const message = first.choices[0]?.message as OpenAI.ChatCompletionMessage & {
      reasoning_content?: string;
      thinking_blocks?: Array<Record<string, string>>;
    };
    expect(message.reasoning_content).toBe('The user asks: Weather in Paris? I should call get_weather.');
    expect(message.thinking_blocks?.map((block) => block['type'])).toEqual(['thinking', 'redacted_thinking']);
    expect(message.thinking_blocks?.[0]).toMatchObject({
      thinking: message.reasoning_content,
      signature: expect.stringMatching(/^EqScripted/),
    });
    const [call] = chatCalls(first);
    const answer = await chatTurn(
      harness.client,
      {
        model,
        tools,
        reasoning_effort: 'low',
        // The message exactly as the SDK returned it: nothing picked, nothing dropped.
        messages: [
          ask,
          message as OpenAI.ChatCompletionMessageParam,
          { role: 'tool', tool_call_id: call?.id ?? '', content: '18C' },
        ],
      },
      stream,
    );
    expect(answer.choices[0]?.message.content).toBe('Paris: 18C');
    const sent = lastBody();
    expect(sent['thinking']).toEqual({ type: 'enabled', budget_tokens: 1024 });
    const assistant = (sent['messages'] as Message[])[1];
    expect(assistant?.content.slice(0, 2)).toEqual(message.thinking_blocks);
  });

  it('chat: a client that drops the blocks gets its answer without thinking, and is told why', async () => {
    const { client, lastHeaders } = recordingClient(harness.baseURL);
    const tools = [chatWeatherTool()];
    const first = await chatTurn(
      client,
      { model, messages: [{ role: 'user', content: question }], tools, reasoning_effort: 'low' },
      stream,
    );
    const [call] = chatCalls(first);
    const answer = await chatTurn(
      client,
      {
        model,
        tools,
        reasoning_effort: 'low',
        messages: [
          { role: 'user', content: question },
          { role: 'assistant', content: null, tool_calls: first.choices[0]?.message.tool_calls ?? [] },
          { role: 'tool', tool_call_id: call?.id ?? '', content: '18C' },
        ],
      },
      stream,
    );
    expect(answer.choices[0]?.message.content).toBe('Paris: 18C');
    expect(lastBody()['thinking']).toBeUndefined();
    expect(lastHeaders()?.get('x-toolbridge-adjusted')).toContain(
      'thinking not sent: the assistant turn of the pending tool results has no thinking blocks',
    );
  });

  it('A-14: a forced tool with reasoning drops thinking for that request, and says so', async () => {
    const { client, lastHeaders } = recordingClient(harness.baseURL);
    const completion = await chatTurn(
      client,
      {
        model,
        messages: [{ role: 'user', content: 'Weather in Paris?' }],
        tools: [chatWeatherTool()],
        tool_choice: 'required',
        reasoning_effort: 'high',
      },
      stream,
    );
    expect(chatCalls(completion)).toHaveLength(1);
    expect(lastBody()['thinking']).toBeUndefined();
    expect(lastBody()['tool_choice']).toEqual({ type: 'any' });
    expect(lastHeaders()?.get('x-toolbridge-adjusted')).toContain(
      'thinking not sent: tool_choice forces a call',
    );
  });

  it('responses: a reasoning item with the tb1.anthropic blob; replayed output items go back exactly', async () => {
    const tools = [responsesWeatherTool()];
    const first = await responsesTurn(
      harness.client,
      { model, input: question, tools, reasoning: { effort: 'low' }, store: false },
      stream,
    );
    expect(first.output.map((item) => item.type)).toEqual(['reasoning', 'function_call']);
    const reasoning = first.output[0] as OpenAI.Responses.ResponseReasoningItem;
    expect(reasoning.encrypted_content).toMatch(/^tb1\.anthropic\./);
    expect(reasoning.summary).toEqual([
      { type: 'summary_text', text: 'The user asks: Weather in Paris? I should call get_weather.' },
    ]);
    expect(lastBody()['thinking']).toEqual({ type: 'enabled', budget_tokens: 1024 });
    const [call] = responseCalls(first);
    const answer = await responsesTurn(
      harness.client,
      {
        model,
        tools,
        reasoning: { effort: 'low' },
        store: false,
        input: [
          { role: 'user', content: question },
          ...(first.output as OpenAI.Responses.ResponseInputItem[]),
          { type: 'function_call_output', call_id: call?.call_id ?? '', output: '18C' },
        ],
      },
      stream,
    );
    expect(answer.output_text).toBe('Paris: 18C');
    const assistant = (lastBody()['messages'] as Message[])[1];
    expect(assistant?.content.map((block) => block['type'])).toEqual([
      'thinking',
      'redacted_thinking',
      'tool_use',
    ]);
    expect(lastBody()['thinking']).toEqual({ type: 'enabled', budget_tokens: 1024 });
  });

  it('responses: previous_response_id rebuilds the blocks from the store', async () => {
    const tools = [responsesWeatherTool()];
    const first = await responsesTurn(
      harness.client,
      { model, input: question, tools, reasoning: { effort: 'medium' } },
      stream,
    );
    const [call] = responseCalls(first);
    const answer = await responsesTurn(
      harness.client,
      {
        model,
        tools,
        reasoning: { effort: 'medium' },
        previous_response_id: first.id,
        input: [{ type: 'function_call_output', call_id: call?.call_id ?? '', output: '18C' }],
      },
      stream,
    );
    expect(answer.output.map((item) => item.type)).toEqual(['reasoning', 'message']);
    expect(answer.output_text).toBe('Paris: 18C');
    expect(lastBody()['thinking']).toEqual({ type: 'enabled', budget_tokens: 4096 });
  });

  it('A-28: reasoning another provider made is dropped, never sent to Anthropic', async () => {
    const { client, lastHeaders } = recordingClient(harness.baseURL);
    const foreign = {
      type: 'reasoning' as const,
      id: 'rs_openai',
      summary: [],
      encrypted_content: 'gAAAAABopenaiState',
    };
    const response = await responsesTurn(
      client,
      {
        model,
        input: [foreign, { role: 'user', content: 'Hello' }],
        reasoning: { effort: 'low' },
        store: false,
      },
      stream,
    );
    expect(response.output_text).toBe('Echo: Hello');
    expect(JSON.stringify(lastBody())).not.toContain('gAAAAABopenaiState');
    expect(lastHeaders()?.get('x-toolbridge-adjusted')).toContain(
      'dropped 1 reasoning item(s) another provider made',
    );
  });
});
