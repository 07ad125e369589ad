import OpenAI from 'openai';
import { describe, expect, it } from 'vitest';
import { expectOpenAIError } from '../../../test-support/gateway/expect-openai-error.js';
import { useTestGateway } from '../../../test-support/gateway/start-test-gateway.js';
import { cityParameters } from '../../../test-support/gateway/weather-tools.js';

// Enforcement of the request's promises on an upstream that returns bad calls
// (docs/adr/0004-enforcement-by-repair.md, docs/protocol/strict-mode.md#client-side-checks; conformance case
// 43): a strict tool's call reaches the client only when valid, repaired by re-asking when the upstream
// corrects itself, a 502 when it never does. Calls of non-strict tools are streamed through unbuffered.
const parameters = cityParameters;
const chatTool = (strict: boolean): OpenAI.ChatCompletionTool => ({
  type: 'function',
  function: { name: 'get_weather', description: 'Weather of a city.', parameters, strict },
});
const responsesTool = (strict: boolean): OpenAI.Responses.FunctionTool => ({
  type: 'function',
  name: 'get_weather',
  description: 'Weather of a city.',
  parameters,
  strict,
});

interface TimedChunk {
  at: number;
  chunk: OpenAI.ChatCompletionChunk;
}

/** Reads a Chat stream to its end or its error, with arrival times. */
async function readChatStream(stream: AsyncIterable<OpenAI.ChatCompletionChunk>) {
  const chunks: TimedChunk[] = [];
  let error: unknown = null;
  try {
    for await (const chunk of stream) chunks.push({ at: performance.now(), chunk });
  } catch (caught) {
    error = caught;
  }
  const argumentDeltas = chunks.flatMap(({ at, chunk }) =>
    (chunk.choices[0]?.delta.tool_calls ?? [])
      .filter((delta) => (delta.function?.arguments ?? '') !== '')
      .map((delta) => ({ at, index: delta.index, text: delta.function?.arguments ?? '' })),
  );
  return { chunks, error, argumentDeltas };
}

/** Reads a Responses event stream to its end or its error, with arrival times. */
async function readResponsesStream(stream: AsyncIterable<OpenAI.Responses.ResponseStreamEvent>) {
  const events: Array<{ at: number; event: OpenAI.Responses.ResponseStreamEvent }> = [];
  let error: unknown = null;
  try {
    for await (const event of stream) events.push({ at: performance.now(), event });
  } catch (caught) {
    error = caught;
  }
  return { events, error };
}

function adjustedOf(headers: Headers): string {
  return headers.get('x-toolbridge-adjusted') ?? '';
}

describe.each(['chat', 'responses'] as const)('strict enforcement over a %s upstream', (upstreamApi) => {
  const harness = useTestGateway({ upstreamApi });
  const received = () =>
    harness.requestsSinceMark().map((request) => request.body as Record<string, unknown>);

  /** The repair request as the upstream saw it: the rejected call and the gateway's explanation. */
  function expectRepairRequest(body: Record<string, unknown> | undefined): string {
    if (body === undefined) throw new Error('the upstream received no repair request');
    expect(body['stream'] ?? false).toBe(false);
    if (upstreamApi === 'chat') {
      const messages = body['messages'] as Array<Record<string, unknown>>;
      const assistant = messages.at(-2) as {
        tool_calls: Array<{ id: string; function: { arguments: string } }>;
      };
      const tool = messages.at(-1) as { role: string; tool_call_id: string; content: string };
      expect(tool.role).toBe('tool');
      expect(tool.content).toMatch(/^toolbridge: invalid call, rejected and not executed\./);
      expect(tool.tool_call_id).toBe(assistant.tool_calls[0]?.id);
      expect(body['tool_choice']).toEqual({ type: 'function', function: { name: 'get_weather' } });
      return assistant.tool_calls[0]?.id ?? '';
    }
    const input = body['input'] as Array<Record<string, unknown>>;
    const call = input.at(-2) as { type: string; call_id: string };
    const output = input.at(-1) as { type: string; call_id: string; output: string };
    expect(call.type).toBe('function_call');
    expect(output).toMatchObject({ type: 'function_call_output', call_id: call.call_id });
    expect(output.output).toMatch(/^toolbridge: invalid call, rejected and not executed\./);
    expect(body['tool_choice']).toEqual({ type: 'function', name: 'get_weather' });
    return call.call_id;
  }

  describe('non-streaming', () => {
    it('repairs an invalid strict call when the upstream corrects itself (#invalid-once), Chat endpoint', async () => {
      const { data, response } = await harness.client.chat.completions
        .create({
          model: 'gpt-5.4',
          messages: [{ role: 'user', content: 'Weather in Paris? #invalid-once' }],
          tools: [chatTool(true)],
        })
        .withResponse();
      const call = data.choices[0]?.message.tool_calls?.[0];
      if (call?.type !== 'function') throw new Error('expected a function call');
      expect(JSON.parse(call.function.arguments)).toEqual({ city: 'Paris' });
      expect(data.choices[0]?.message.tool_calls).toHaveLength(1);
      expect(adjustedOf(response.headers)).toContain("repaired a call to 'get_weather'");
      const bodies = received();
      expect(bodies).toHaveLength(2);
      const rejectedId = expectRepairRequest(bodies[1]);
      expect(call.id).not.toBe(rejectedId);
    });

    it('repairs an invalid strict call (#invalid-once), Responses endpoint', async () => {
      const { data, response } = await harness.client.responses
        .create({ model: 'gpt-5.4', input: 'Weather in Paris? #invalid-once', tools: [responsesTool(true)] })
        .withResponse();
      const calls = data.output.filter((item) => item.type === 'function_call');
      expect(calls).toHaveLength(1);
      expect(JSON.parse(calls[0]?.type === 'function_call' ? calls[0].arguments : '')).toEqual({
        city: 'Paris',
      });
      expect(adjustedOf(response.headers)).toContain("repaired a call to 'get_weather'");
      const bodies = received();
      expect(bodies).toHaveLength(2);
      const rejectedId = expectRepairRequest(bodies[1]);
      expect(calls[0]?.type === 'function_call' && calls[0].call_id).not.toBe(rejectedId);
      // What was stored is what the client got: the repaired call only.
      const stored = await harness.client.responses.retrieve(data.id);
      expect(stored.output).toEqual(data.output);
    });

    it.each([
      ['#invalid-json', /did not correct it after 2 retries/],
      ['#schema-violation', /did not correct it after 2 retries/],
      ['#unknown-tool', /There is no function named 'scripted_unknown_tool'/],
    ])(
      '%s that never gets corrected → 502 upstream_invalid_tool_call after 1 + 2 attempts',
      async (directive, detail) => {
        const failure = await expectOpenAIError(
          harness.client.chat.completions.create({
            model: 'gpt-5.4',
            messages: [{ role: 'user', content: `Weather in Paris? ${directive}` }],
            tools: [chatTool(true)],
          }),
          {
            status: 502,
            message: detail,
            type: 'server_error',
            param: null,
            code: 'upstream_invalid_tool_call',
          },
        );
        expect(failure.headers?.get('x-should-retry')).toBe('false');
        const bodies = received();
        expect(bodies).toHaveLength(3);
        expectRepairRequest(bodies[1]);
        expectRepairRequest(bodies[2]);
      },
    );

    it("a repair's tokens are added to the usage the client is billed", async () => {
      const plain = await harness.client.chat.completions.create({
        model: 'gpt-5.4',
        messages: [{ role: 'user', content: 'Weather in Paris? #invalid-once' }],
        tools: [chatTool(false)],
      });
      const repaired = await harness.client.chat.completions.create({
        model: 'gpt-5.4',
        messages: [{ role: 'user', content: 'Weather in Paris? #invalid-once' }],
        tools: [chatTool(true)],
      });
      expect(received()).toHaveLength(3);
      const base = plain.usage?.prompt_tokens ?? 0;
      expect(base).toBeGreaterThan(0);
      // Two upstream turns were paid for: the rejected one and the repair (which is longer).
      expect(repaired.usage?.prompt_tokens ?? 0).toBeGreaterThan(2 * base);
      expect(repaired.usage?.total_tokens).toBe(
        (repaired.usage?.prompt_tokens ?? 0) + (repaired.usage?.completion_tokens ?? 0),
      );
    });

    it.each(['__proto__', 'constructor', 'hasOwnProperty'])(
      'a strict tool named %s is enforced like any other',
      async (name) => {
        const { data, response } = await harness.client.chat.completions
          .create({
            model: 'gpt-5.4',
            messages: [{ role: 'user', content: 'Weather in Paris? #invalid-once' }],
            tools: [{ type: 'function', function: { name, parameters, strict: true } }],
          })
          .withResponse();
        const call = data.choices[0]?.message.tool_calls?.[0];
        if (call?.type !== 'function') throw new Error('expected a function call');
        expect(call.function.name).toBe(name);
        expect(JSON.parse(call.function.arguments)).toEqual({ city: 'Paris' });
        expect(response.headers.get('x-toolbridge-adjusted')).toContain(`repaired a call to '${name}'`);
        expect(received()).toHaveLength(2);
      },
    );

    it('a call to an unknown tool is refused even for non-strict tools', async () => {
      await expectOpenAIError(
        harness.client.responses.create({
          model: 'gpt-5.4',
          input: 'Weather in Paris? #unknown-tool',
          tools: [responsesTool(false)],
        }),
        {
          status: 502,
          message: /There is no function named 'scripted_unknown_tool'/,
          type: 'server_error',
          param: null,
          code: 'upstream_invalid_tool_call',
        },
      );
      expect(received()).toHaveLength(3);
    });

    it('arguments of a non-strict tool are not validated (#schema-violation passes through)', async () => {
      const data = await harness.client.chat.completions.create({
        model: 'gpt-5.4',
        messages: [{ role: 'user', content: 'Weather in Paris? #schema-violation' }],
        tools: [chatTool(false)],
      });
      const call = data.choices[0]?.message.tool_calls?.[0];
      if (call?.type !== 'function') throw new Error('expected a function call');
      expect(JSON.parse(call.function.arguments)).toHaveProperty('scripted_unexpected_key', true);
      expect(received()).toHaveLength(1);
    });
  });

  describe('streaming', () => {
    it('holds a strict call and streams only the repaired one (#invalid-once), Chat endpoint', async () => {
      const stream = await harness.client.chat.completions.create({
        model: 'gpt-5.4',
        messages: [{ role: 'user', content: 'Weather in Paris? #invalid-once #fragments=4' }],
        tools: [chatTool(true)],
        stream: true,
      });
      const { error, argumentDeltas, chunks } = await readChatStream(stream);
      expect(error).toBeNull();
      // Held until complete and valid, the call arrives whole: one argument delta, valid JSON.
      expect(argumentDeltas.map((delta) => delta.text)).toEqual(['{"city":"Paris"}']);
      expect(
        chunks.at(-1)?.chunk.choices[0]?.finish_reason ?? chunks.at(-2)?.chunk.choices[0]?.finish_reason,
      ).toBe('tool_calls');
      const bodies = received();
      expect(bodies).toHaveLength(2);
      expect(bodies[0]?.['stream']).toBe(true);
      const rejectedId = expectRepairRequest(bodies[1]);
      const ids = chunks.flatMap(({ chunk }) =>
        (chunk.choices[0]?.delta.tool_calls ?? []).flatMap((delta) => delta.id ?? []),
      );
      expect(ids).toHaveLength(1);
      expect(ids[0]).not.toBe(rejectedId);
    });

    it('holds a strict call and streams only the repaired one (#invalid-once), Responses endpoint', async () => {
      const stream = await harness.client.responses.create({
        model: 'gpt-5.4',
        input: 'Weather in Paris? #invalid-once #fragments=4',
        tools: [responsesTool(true)],
        stream: true,
      });
      const { error, events } = await readResponsesStream(stream);
      expect(error).toBeNull();
      const deltas = events.flatMap(({ event }) =>
        event.type === 'response.function_call_arguments.delta' ? [event.delta] : [],
      );
      expect(deltas.join('')).toBe('{"city":"Paris"}');
      const completed = events.at(-1)?.event;
      if (completed?.type !== 'response.completed') throw new Error('expected response.completed last');
      const calls = completed.response.output.filter((item) => item.type === 'function_call');
      expect(calls).toHaveLength(1);
      const bodies = received();
      expect(bodies).toHaveLength(2);
      const rejectedId = expectRepairRequest(bodies[1]);
      expect(calls[0]?.type === 'function_call' && calls[0].call_id).not.toBe(rejectedId);
    });

    it('never corrected: the Chat stream carries no call and ends with an error chunk', async () => {
      const response = await fetch(`${harness.baseURL}/chat/completions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          model: 'gpt-5.4',
          messages: [{ role: 'user', content: 'Weather in Paris? #invalid-json #fragments=4' }],
          tools: [chatTool(true)],
          stream: true,
        }),
      });
      const text = await response.text();
      const payloads = text
        .split('\n\n')
        .filter((frame) => frame.startsWith('data: '))
        .map((frame) => frame.slice(6));
      expect(payloads.at(-1)).not.toBe('[DONE]');
      const last = JSON.parse(payloads.at(-1) ?? '{}') as { error?: Record<string, unknown> };
      expect(last.error).toMatchObject({ type: 'server_error', code: 'upstream_invalid_tool_call' });
      expect(text).not.toContain('tool_calls');
      expect(received()).toHaveLength(3);
      // The official SDK raises on that chunk.
      const stream = await harness.client.chat.completions.create({
        model: 'gpt-5.4',
        messages: [{ role: 'user', content: 'Weather in Paris? #schema-violation' }],
        tools: [chatTool(true)],
        stream: true,
      });
      const { error, argumentDeltas } = await readChatStream(stream);
      expect(error).toBeInstanceOf(OpenAI.APIError);
      expect((error as InstanceType<typeof OpenAI.APIError>).code).toBe('upstream_invalid_tool_call');
      expect(argumentDeltas).toEqual([]);
    });

    it('never corrected: the Responses stream carries no call and ends with error + response.failed', async () => {
      const response = await fetch(`${harness.baseURL}/responses`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          model: 'gpt-5.4',
          input: 'Weather in Paris? #invalid-json',
          tools: [responsesTool(true)],
          stream: true,
        }),
      });
      const events = (await response.text())
        .split('\n\n')
        .filter((frame) => frame.includes('data: '))
        .map((frame) => JSON.parse(frame.slice(frame.indexOf('data: ') + 6)) as Record<string, unknown>);
      const types = events.map((event) => event['type']);
      expect(types).not.toContain('response.function_call_arguments.delta');
      expect(types).not.toContain('response.output_item.added');
      expect(types.slice(-2)).toEqual(['error', 'response.failed']);
      expect(events.at(-2)?.['error']).toMatchObject({ code: 'upstream_invalid_tool_call' });
      expect(events.at(-1)?.['response']).toMatchObject({ error: { code: 'upstream_invalid_tool_call' } });
      expect(received()).toHaveLength(3);
    });

    it('forwards the argument deltas of a non-strict tool as they arrive (#fragments=5), Chat endpoint', async () => {
      const stream = await harness.client.chat.completions.create({
        model: 'gpt-5.4',
        messages: [{ role: 'user', content: 'Weather in Paris? #fragments=5 #delay=40' }],
        tools: [chatTool(false)],
        stream: true,
      });
      const { error, argumentDeltas, chunks } = await readChatStream(stream);
      expect(error).toBeNull();
      expect(argumentDeltas.length).toBeGreaterThanOrEqual(5);
      expect(argumentDeltas.map((delta) => delta.text).join('')).toBe('{"city":"Paris"}');
      // Unbuffered: the first fragment reached the client well before the stream ended.
      const first = argumentDeltas[0]?.at ?? 0;
      const last = chunks.at(-1)?.at ?? 0;
      expect(last - first).toBeGreaterThan(100);
    });

    it('forwards the argument deltas of a non-strict tool as they arrive (#fragments=5), Responses endpoint', async () => {
      const stream = await harness.client.responses.create({
        model: 'gpt-5.4',
        input: 'Weather in Paris? #fragments=5 #delay=40',
        tools: [responsesTool(false)],
        stream: true,
      });
      const { error, events } = await readResponsesStream(stream);
      expect(error).toBeNull();
      const deltas = events.filter(({ event }) => event.type === 'response.function_call_arguments.delta');
      expect(deltas.length).toBeGreaterThanOrEqual(5);
      expect((deltas.at(-1)?.at ?? 0) - (deltas[0]?.at ?? 0)).toBeGreaterThan(100);
    });
  });
});
