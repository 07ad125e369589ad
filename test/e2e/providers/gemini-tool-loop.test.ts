import type OpenAI from 'openai';
import { describe, expect, it } from 'vitest';
import { useTestGateway } from '../../../test-support/gateway/start-test-gateway.js';
import { chatWeatherTool, responsesWeatherTool } from '../../../test-support/gateway/weather-tools.js';
import {
  blobPayload,
  chatCalls,
  chatTurn,
  functionCalls,
  GEMINI_MODEL,
  geminiBodies,
  lastContents,
  responsesTurn,
} from './gemini-harness.js';

// The guide's weather loop with parallel calls through the gateway over the scripted Gemini upstream,
// on both endpoints, plain and streamed, with the official `openai` SDK in front. The scripted
// upstream rejects what Gemini rejects (unpaired results, a missing or altered thoughtSignature),
// so every second turn passing proves the history translation (docs/protocol/gemini.md).
const question = 'Weather in Paris and Oslo?';

describe.each([false, true])('Gemini upstream, weather loop (stream: %s)', (stream) => {
  const harness = useTestGateway({ upstreamApi: 'gemini' });

  it('Chat: parallel calls, then the echoed assistant message carries the signatures back (G-23)', async () => {
    const tools = [chatWeatherTool()];
    const user: OpenAI.ChatCompletionMessageParam = { role: 'user', content: question };
    const { completion } = await chatTurn(
      harness.client,
      { model: GEMINI_MODEL, messages: [user], tools },
      stream,
    );
    expect(completion.choices[0]?.finish_reason).toBe('tool_calls');
    const calls = chatCalls(completion);
    expect(calls.map((call) => JSON.parse(call.function.arguments))).toEqual([
      { city: 'Paris' },
      { city: 'Oslo' },
    ]);
    // Gemini 3 issues 8-character ids; they pass through as the client's call ids.
    for (const call of calls) expect(call.id).toMatch(/^[a-z0-9]{8}$/);
    const state = (calls[0] as unknown as { extra_content?: { google?: { thought_signature?: string } } })
      .extra_content?.google?.thought_signature;
    expect(state).toMatch(/^tb1\.gemini\.gemini-3-flash\./);
    expect(blobPayload(state)['i']).toBe(calls[0]?.id);
    const message = completion.choices[0]?.message;
    if (message === undefined) throw new Error('no message');
    harness.mark();
    // Tool results arrive in the opposite order: Gemini gets them in call order.
    const { completion: answer } = await chatTurn(
      harness.client,
      {
        model: GEMINI_MODEL,
        tools,
        messages: [
          user,
          message as OpenAI.ChatCompletionAssistantMessageParam,
          { role: 'tool', tool_call_id: calls[1]?.id ?? '', content: '9C rain' },
          { role: 'tool', tool_call_id: calls[0]?.id ?? '', content: '{"temp":"18C"}' },
        ],
      },
      stream,
    );
    expect(answer.choices[0]?.finish_reason).toBe('stop');
    expect(answer.choices[0]?.message.content).toBe('Paris: {"temp":"18C"}\nOslo: 9C rain');
    const contents = lastContents(harness);
    expect(contents.map((content) => content.role)).toEqual(['user', 'model', 'user']);
    const [first, second] = contents[1]?.parts ?? [];
    expect(first?.functionCall).toEqual({ id: calls[0]?.id, name: 'get_weather', args: { city: 'Paris' } });
    expect(first?.thoughtSignature).toBe(blobPayload(state)['s']);
    expect(second?.thoughtSignature).toBeUndefined();
    expect(contents[2]?.parts.map((part) => part.functionResponse)).toEqual([
      { id: calls[0]?.id, name: 'get_weather', response: { temp: '18C' } },
      { id: calls[1]?.id, name: 'get_weather', response: { output: '9C rain' } },
    ]);
  });

  it('Responses: previous_response_id rebuilds the signed history from the store', async () => {
    const tools = [responsesWeatherTool()];
    const { response: first } = await responsesTurn(
      harness.client,
      { model: GEMINI_MODEL, input: question, tools },
      stream,
    );
    expect(first.status).toBe('completed');
    const calls = functionCalls(first);
    expect(calls).toHaveLength(2);
    const state = (calls[0] as unknown as { provider_state?: string }).provider_state;
    expect(state).toMatch(/^tb1\.gemini\./);
    harness.mark();
    const { response: second } = await responsesTurn(
      harness.client,
      {
        model: GEMINI_MODEL,
        tools,
        previous_response_id: first.id,
        input: calls.map((call) => ({
          type: 'function_call_output' as const,
          call_id: call.call_id,
          output: `${call.arguments} ok`,
        })),
      },
      stream,
    );
    expect(second.output_text).toContain('Paris: {"city":"Paris"} ok');
    const contents = lastContents(harness);
    expect(contents[1]?.parts[0]?.thoughtSignature).toBe(blobPayload(state)['s']);
    expect(contents[2]?.parts).toHaveLength(2);
  });

  it('Responses: a manual replay of the output items keeps the signature (provider_state)', async () => {
    const tools = [responsesWeatherTool()];
    const { response: first } = await responsesTurn(
      harness.client,
      { model: GEMINI_MODEL, input: 'Weather in Paris?', tools, store: false },
      stream,
    );
    const [call] = functionCalls(first);
    if (call === undefined) throw new Error('expected a call');
    harness.mark();
    const { response: second } = await responsesTurn(
      harness.client,
      {
        model: GEMINI_MODEL,
        tools,
        input: [
          { role: 'user', content: 'Weather in Paris?' },
          ...(first.output as OpenAI.Responses.ResponseInputItem[]),
          { type: 'function_call_output', call_id: call.call_id, output: 'sunny' },
        ],
      },
      stream,
    );
    expect(second.output_text).toBe('Paris: sunny');
    expect(lastContents(harness)[1]?.parts[0]?.thoughtSignature).toBe(
      blobPayload((call as unknown as { provider_state?: string }).provider_state)['s'],
    );
  });

  it('text and calls in one turn: the text comes first, then the calls (G-48)', async () => {
    const { completion } = await chatTurn(
      harness.client,
      {
        model: GEMINI_MODEL,
        messages: [{ role: 'user', content: `${question} #preamble` }],
        tools: [chatWeatherTool()],
      },
      stream,
    );
    expect(completion.choices[0]?.message.content).toBe('Let me check.');
    expect(chatCalls(completion)).toHaveLength(2);
    expect(completion.choices[0]?.finish_reason).toBe('tool_calls');
    const { response } = await responsesTurn(
      harness.client,
      { model: GEMINI_MODEL, input: `${question} #preamble`, tools: [responsesWeatherTool()] },
      stream,
    );
    expect(response.output.map((item) => item.type)).toEqual(['message', 'function_call', 'function_call']);
  });

  it('system, developer and instructions become systemInstruction', async () => {
    await chatTurn(
      harness.client,
      {
        model: GEMINI_MODEL,
        messages: [
          { role: 'system', content: 'Be brief.' },
          { role: 'developer', content: 'Use metric units.' },
          { role: 'user', content: 'hello' },
        ],
      },
      stream,
    );
    await responsesTurn(
      harness.client,
      { model: GEMINI_MODEL, instructions: 'Answer in French.', input: 'hello' },
      stream,
    );
    const [chatBody, responsesBody] = geminiBodies(harness);
    expect(chatBody?.['systemInstruction']).toEqual({
      parts: [{ text: 'Be brief.' }, { text: 'Use metric units.' }],
    });
    expect(responsesBody?.['systemInstruction']).toEqual({ parts: [{ text: 'Answer in French.' }] });
    expect(chatBody?.['contents']).toHaveLength(1);
  });
});
