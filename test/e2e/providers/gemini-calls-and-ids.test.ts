import type OpenAI from 'openai';
import { describe, expect, it } from 'vitest';
import { useTestGateway } from '../../../test-support/gateway/start-test-gateway.js';
import { chatWeatherTool, responsesWeatherTool } from '../../../test-support/gateway/weather-tools.js';
import {
  adjusted,
  blobPayload,
  chatCalls,
  chatTurn,
  functionCalls,
  GEMINI_MODEL,
  geminiBodies,
  lastContents,
  responsesTurn,
} from './gemini-harness.js';

// Calls as Gemini sends them (whole, maybe without ids, split across chunks, re-sent, finished by a
// later STOP chunk), strict repair, zero-argument calls, and signatures that were lost or foreign.
const strictTools = [chatWeatherTool(true)];
const question = 'Weather in Paris and Oslo?';

describe.each([false, true])('Gemini upstream, calls and ids (stream: %s)', (stream) => {
  const harness = useTestGateway({ upstreamApi: 'gemini' });
  const ask = (content: string, extra: Partial<OpenAI.ChatCompletionCreateParamsNonStreaming> = {}) =>
    chatTurn(
      harness.client,
      { model: GEMINI_MODEL, messages: [{ role: 'user', content }], tools: strictTools, ...extra },
      stream,
    );

  it('a strict tool: an invalid call is repaired by re-asking Gemini, the signed bad call in history', async () => {
    const { completion, headers } = await ask('Weather in Paris? #invalid-once');
    expect(chatCalls(completion).map((call) => call.function.arguments)).toEqual(['{"city":"Paris"}']);
    const bodies = geminiBodies(harness);
    expect(bodies).toHaveLength(2);
    const repair = bodies[1]?.['contents'] as Array<{ role: string; parts: Array<Record<string, unknown>> }>;
    expect(repair.map((content) => content.role)).toEqual(['user', 'model', 'user']);
    expect(typeof repair[1]?.parts[0]?.['thoughtSignature']).toBe('string');
    expect(JSON.stringify(repair[2]?.parts[0])).toContain('toolbridge: invalid call');
    expect(bodies[1]?.['toolConfig']).toEqual({
      functionCallingConfig: { mode: 'ANY', allowedFunctionNames: ['get_weather'] },
    });
    if (!stream) expect(adjusted(headers)).toContain("repaired a call to 'get_weather'");
  });

  it('STOP in a later, otherwise empty chunk still finishes tool_calls (G-45)', async () => {
    const { completion } = await ask(`${question} #late-stop`);
    expect(completion.choices[0]?.finish_reason).toBe('tool_calls');
    expect(completion.choices[0]?.message.content).toBeNull();
    expect(chatCalls(completion)).toHaveLength(2);
  });

  it('parallel calls in separate chunks and a re-sent call give two calls, each once (G-46)', async () => {
    const { completion } = await ask(`${question} #split-calls #resend-call`);
    const calls = chatCalls(completion);
    expect(calls.map((call) => JSON.parse(call.function.arguments))).toEqual([
      { city: 'Paris' },
      { city: 'Oslo' },
    ]);
    expect(new Set(calls.map((call) => call.id)).size).toBe(2);
  });

  it('calls without Gemini ids get stable synthetic ids that pair the next turn by name and order (G-32)', async () => {
    const { completion } = await ask(`${question} #no-ids`);
    const calls = chatCalls(completion);
    for (const call of calls) expect(call.id).toMatch(/^call_[A-Za-z0-9]{24}$/);
    expect(new Set(calls.map((call) => call.id)).size).toBe(2);
    // The synthetic id is not Gemini's: the blob records no id, only the signature of the first call.
    const state = (calls[0] as unknown as { extra_content: { google: { thought_signature: string } } })
      .extra_content.google.thought_signature;
    expect(blobPayload(state)['i']).toBeUndefined();
    harness.mark();
    const { completion: answer } = await chatTurn(
      harness.client,
      {
        model: GEMINI_MODEL,
        tools: strictTools,
        messages: [
          { role: 'user', content: `${question} #no-ids` },
          completion.choices[0]?.message as OpenAI.ChatCompletionAssistantMessageParam,
          ...calls.map((call, index) => ({
            role: 'tool' as const,
            tool_call_id: call.id,
            content: `r${index}`,
          })),
        ],
      },
      stream,
    );
    expect(answer.choices[0]?.message.content).toBe('Paris: r0\nOslo: r1');
    const contents = lastContents(harness);
    expect(contents[1]?.parts.map((part) => part.functionCall)).toEqual([
      { name: 'get_weather', args: { city: 'Paris' } },
      { name: 'get_weather', args: { city: 'Oslo' } },
    ]);
    expect(contents[2]?.parts.map((part) => part.functionResponse?.id)).toEqual([undefined, undefined]);
  });

  it('a zero-argument call is {} both ways', async () => {
    const timeTool: OpenAI.ChatCompletionTool = {
      type: 'function',
      function: { name: 'get_time', parameters: { type: 'object', properties: {} } },
    };
    const messages: OpenAI.ChatCompletionMessageParam[] = [{ role: 'user', content: 'What time is it?' }];
    const { completion } = await chatTurn(
      harness.client,
      { model: GEMINI_MODEL, messages, tools: [timeTool] },
      stream,
    );
    const [call] = chatCalls(completion);
    expect(call?.function.arguments).toBe('{}');
    harness.mark();
    await chatTurn(
      harness.client,
      {
        model: GEMINI_MODEL,
        tools: [timeTool],
        messages: [
          ...messages,
          {
            role: 'assistant',
            content: null,
            tool_calls: [
              { id: call?.id ?? '', type: 'function', function: { name: 'get_time', arguments: '' } },
            ],
          },
          { role: 'tool', tool_call_id: call?.id ?? '', content: '12:00' },
        ],
      },
      stream,
    );
    expect(lastContents(harness)[1]?.parts[0]?.functionCall?.args).toEqual({});
  });

  it('lost signatures get the placeholder on the first call of each current step; foreign blobs never go (G-26, G-28)', async () => {
    const messages: OpenAI.ChatCompletionMessageParam[] = [
      { role: 'user', content: question },
      {
        role: 'assistant',
        content: null,
        tool_calls: [
          {
            id: 'call_a',
            type: 'function',
            function: { name: 'get_weather', arguments: '{"city":"Paris"}' },
          },
          {
            id: 'call_b',
            type: 'function',
            function: { name: 'get_weather', arguments: '{"city":"Oslo"}' },
            extra_content: { google: { thought_signature: 'tb1.anthropic.claude.eyJ4IjoxfQ' } },
          } as OpenAI.ChatCompletionMessageToolCall,
        ],
      },
      { role: 'tool', tool_call_id: 'call_a', content: '18C' },
      { role: 'tool', tool_call_id: 'call_b', content: '9C' },
    ];
    const { completion, headers } = await chatTurn(
      harness.client,
      { model: GEMINI_MODEL, messages, tools: strictTools },
      stream,
    );
    expect(completion.choices[0]?.message.content).toBe('Paris: 18C\nOslo: 9C');
    const parts = lastContents(harness)[1]?.parts ?? [];
    expect(parts[0]?.thoughtSignature).toBe('skip_thought_signature_validator');
    expect(parts[1]?.thoughtSignature).toBeUndefined();
    expect(JSON.stringify(geminiBodies(harness).at(-1))).not.toContain('anthropic');
    expect(adjusted(headers)).toContain('signature placeholder');
  });

  it('a LiteLLM-style call id <id>__thought__<signature> gives Gemini its signature back', async () => {
    const { completion } = await ask('Weather in Paris?');
    const [call] = chatCalls(completion);
    const state = (call as unknown as { extra_content: { google: { thought_signature: string } } })
      .extra_content.google.thought_signature;
    const signature = blobPayload(state)['s'];
    const id = `${call?.id}__thought__${signature}`;
    harness.mark();
    const { completion: answer } = await chatTurn(
      harness.client,
      {
        model: GEMINI_MODEL,
        tools: strictTools,
        messages: [
          { role: 'user', content: 'Weather in Paris?' },
          {
            role: 'assistant',
            content: null,
            tool_calls: [
              {
                id,
                type: 'function',
                function: { name: 'get_weather', arguments: call?.function.arguments ?? '' },
              },
            ],
          },
          { role: 'tool', tool_call_id: id, content: 'sunny' },
        ],
      },
      stream,
    );
    expect(answer.choices[0]?.message.content).toBe('Paris: sunny');
    expect(lastContents(harness)[1]?.parts[0]?.thoughtSignature).toBe(signature);
  });

  it('Responses: strict repair and synthetic ids work the same', async () => {
    const { response } = await responsesTurn(
      harness.client,
      { model: GEMINI_MODEL, input: `${question} #no-ids #invalid-once`, tools: [responsesWeatherTool()] },
      stream,
    );
    const calls = functionCalls(response);
    expect(calls.length).toBeGreaterThan(0);
    for (const call of calls) {
      expect(call.call_id).toMatch(/^call_/);
      expect(JSON.parse(call.arguments)).toHaveProperty('city');
    }
  });
});
