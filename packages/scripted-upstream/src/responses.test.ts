import OpenAI, { BadRequestError, NotFoundError } from 'openai';
import type { FunctionTool, Response, ResponseInputItem } from 'openai/resources/responses/responses';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ScriptedUpstream } from './scripted-upstream-options.js';
import { startScriptedUpstream } from './start-scripted-upstream.js';

const weatherTool: FunctionTool = {
  type: 'function',
  name: 'get_weather',
  description: '获取指定城市的当前天气',
  parameters: {
    type: 'object',
    properties: { city: { type: 'string', description: '城市名,如:北京' } },
    required: ['city'],
    additionalProperties: false,
  },
  strict: true,
};

const timeTool: FunctionTool = {
  type: 'function',
  name: 'get_local_time',
  description: 'Local time in a city',
  parameters: {
    type: 'object',
    properties: { city: { type: 'string' } },
    required: ['city'],
    additionalProperties: false,
  },
  strict: true,
};

let upstream: ScriptedUpstream;
let client: OpenAI;

beforeAll(async () => {
  upstream = await startScriptedUpstream();
  client = new OpenAI({ baseURL: upstream.url, apiKey: 'test-key', maxRetries: 0 });
});
afterAll(() => upstream.close());

function functionCalls(
  response: Response,
): Array<{ id: string; call_id: string; name: string; arguments: string }> {
  return response.output.flatMap((item) =>
    item.type === 'function_call'
      ? [{ id: item.id ?? '', call_id: item.call_id, name: item.name, arguments: item.arguments }]
      : [],
  );
}

interface RawEvent {
  event: string;
  data: { type: string; sequence_number: number; [key: string]: unknown };
}

async function rawEvents(body: unknown): Promise<{ text: string; events: RawEvent[] }> {
  const response = await fetch(`${upstream.url}/responses`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
  const text = await response.text();
  const events = text
    .split('\n\n')
    .filter((block) => block !== '')
    .map((block) => {
      const [eventLine, dataLine, ...rest] = block.split('\n');
      expect(rest).toEqual([]);
      return {
        event: eventLine?.replace(/^event: /, '') ?? '',
        data: JSON.parse(dataLine?.replace(/^data: /, '') ?? ''),
      };
    });
  return { text, events };
}

describe('Responses, non-streaming', () => {
  it('runs the guide weather example statelessly (full history on turn two)', async () => {
    const first = await client.responses.create({
      model: 'gpt-5.4',
      input: '北京天气怎么样?',
      tools: [weatherTool],
    });
    expect(first.id).toMatch(/^resp_[0-9a-f]{48}$/);
    expect(first.status).toBe('completed');
    expect(first.tools[0]).toMatchObject({
      name: 'get_weather',
      strict: true,
      description: '获取指定城市的当前天气',
    });
    const [call] = functionCalls(first);
    expect(call?.id).toMatch(/^fc_[0-9a-f]{48}$/);
    expect(call?.call_id).toMatch(/^call_[A-Za-z0-9]{24}$/);
    expect(JSON.parse(call?.arguments ?? '')).toEqual({ city: '北京' });
    expect(first.usage?.input_tokens_details.cached_tokens).toBe(0);

    const weather = { city: '北京', temp: '26°C', condition: '晴' };
    const input: ResponseInputItem[] = [
      { role: 'user', content: '北京天气怎么样?' },
      ...(first.output as ResponseInputItem[]),
      { type: 'function_call_output', call_id: call?.call_id ?? '', output: JSON.stringify(weather) },
    ];
    const second = await client.responses.create({ model: 'gpt-5.4', input, tools: [weatherTool] });
    expect(second.output_text).toBe('北京: {"city":"北京","temp":"26°C","condition":"晴"}');
    expect(second.output[0]).toMatchObject({ type: 'message', role: 'assistant', status: 'completed' });
    expect(second.output[0]?.id).toMatch(/^msg_[0-9a-f]{48}$/);
    expect(second.usage?.input_tokens_details.cached_tokens).toBe(
      Math.floor((second.usage?.input_tokens ?? 0) / 2),
    );
  });

  it('refuses previous_response_id because it keeps no state', async () => {
    const error = await client.responses
      .create({
        model: 'm',
        previous_response_id: 'resp_abc',
        input: [{ type: 'function_call_output', call_id: 'call_x', output: '{}' }],
      })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(BadRequestError);
    expect(error).toMatchObject({ param: 'previous_response_id' });
    expect((error as Error).message).toContain('keeps no state');
  });

  it('rejects a nested Chat-style tool with the OpenAI error', async () => {
    const nested = { type: 'function', function: { name: 'get_weather' } } as unknown as FunctionTool;
    const error = await client.responses
      .create({ model: 'm', input: 'hi', tools: [nested] })
      .catch((caught: unknown) => caught);
    expect(error).toMatchObject({ status: 400, param: 'tools[0].name', code: 'missing_required_parameter' });
  });

  it('handles two cities, parallel_tool_calls false, forced and allowed tools', async () => {
    const tools = [weatherTool, timeTool];
    const both = await client.responses.create({ model: 'm', input: 'Weather in Paris and Oslo?', tools });
    expect(functionCalls(both).map((call) => JSON.parse(call.arguments))).toEqual([
      { city: 'Paris' },
      { city: 'Oslo' },
    ]);
    const one = await client.responses.create({
      model: 'm',
      input: 'Weather in Paris and Oslo?',
      tools,
      parallel_tool_calls: false,
    });
    expect(functionCalls(one)).toHaveLength(1);
    expect(one.parallel_tool_calls).toBe(false);
    const forced = await client.responses.create({
      model: 'm',
      input: 'Weather in Paris?',
      tools,
      tool_choice: { type: 'function', name: 'get_local_time' },
    });
    expect(functionCalls(forced).map((call) => call.name)).toEqual(['get_local_time']);
    expect(forced.tool_choice).toEqual({ type: 'function', name: 'get_local_time' });
    const allowed = await client.responses.create({
      model: 'm',
      input: 'Weather in Paris?',
      tools,
      tool_choice: {
        type: 'allowed_tools',
        mode: 'required',
        tools: [{ type: 'function', name: 'get_local_time' }],
      },
    });
    expect(functionCalls(allowed).map((call) => call.name)).toEqual(['get_local_time']);
  });

  it('echoes instructions and answers text without tools', async () => {
    const response = await client.responses.create({
      model: 'm',
      instructions: 'Be brief.',
      input: 'Hello there',
    });
    expect(response.instructions).toBe('Be brief.');
    expect(response.output_text).toBe('Echo: Hello there');
    expect(response).toMatchObject({ store: false });
  });
});

describe('Responses, streaming', () => {
  it('emits every event with sequence numbers from 0 and no [DONE]', async () => {
    const { text, events } = await rawEvents({
      model: 'm',
      stream: true,
      input: 'Weather in Paris and Oslo?',
      tools: [weatherTool],
    });
    expect(text).not.toContain('[DONE]');
    expect(events.map((event) => event.data.sequence_number)).toEqual(events.map((_, index) => index));
    for (const event of events) expect(event.event).toBe(event.data.type);
    const types = events.map((event) => event.data.type);
    expect(types[0]).toBe('response.created');
    expect(types[1]).toBe('response.in_progress');
    expect(types.at(-1)).toBe('response.completed');
    const firstDone = types.indexOf('response.output_item.done');
    const secondAdded = types.lastIndexOf('response.output_item.added');
    expect(firstDone).toBeLessThan(secondAdded);
    const deltas = events.filter((event) => event.data.type === 'response.function_call_arguments.delta');
    expect(deltas.length).toBeGreaterThan(2);
    const done = events.filter((event) => event.data.type === 'response.function_call_arguments.done');
    expect(done.map((event) => event.data.arguments)).toEqual(['{"city":"Paris"}', '{"city":"Oslo"}']);
    const completed = events.at(-1)?.data.response as Response;
    expect(completed.output).toHaveLength(2);
    expect(completed.usage?.output_tokens).toBeGreaterThan(0);
  });

  it('streams text with content parts in the documented order', async () => {
    const { events } = await rawEvents({ model: 'm', stream: true, input: 'Hello there' });
    const types = events.map((event) => event.data.type);
    expect(types.slice(0, 4)).toEqual([
      'response.created',
      'response.in_progress',
      'response.output_item.added',
      'response.content_part.added',
    ]);
    expect(types.slice(-4)).toEqual([
      'response.output_text.done',
      'response.content_part.done',
      'response.output_item.done',
      'response.completed',
    ]);
    const deltas = events
      .filter((event) => event.data.type === 'response.output_text.delta')
      .map((event) => event.data.delta);
    expect(deltas.join('')).toBe('Echo: Hello there');
  });

  it('completes the SDK responses.stream() helper with both parallel calls', async () => {
    const stream = client.responses.stream({
      model: 'm',
      input: '北京和上海天气怎么样?',
      tools: [weatherTool],
    });
    const snapshots: string[] = [];
    stream.on('response.function_call_arguments.delta', (event) => snapshots.push(event.snapshot));
    const final = await stream.finalResponse();
    expect(final.status).toBe('completed');
    expect(functionCalls(final).map((call) => JSON.parse(call.arguments))).toEqual([
      { city: '北京' },
      { city: '上海' },
    ]);
    expect(snapshots).toContain('{"city":"北京"}');
  });

  it('iterates a raw SDK stream of the guide example', async () => {
    const stream = await client.responses.create({
      model: 'm',
      input: '北京天气怎么样?',
      tools: [weatherTool],
      stream: true,
    });
    let args = '';
    let finalArgs = '';
    for await (const event of stream) {
      if (event.type === 'response.function_call_arguments.delta') args += event.delta;
      if (event.type === 'response.function_call_arguments.done') finalArgs = event.arguments;
    }
    expect(args).toBe('{"city":"北京"}');
    expect(finalArgs).toBe(args);
  });

  describe('reasoning state, as OpenAI keeps it under store: false', () => {
    const ask = (extra: Record<string, unknown> = {}) =>
      client.responses.create({
        model: 'gpt-5.4',
        input: 'Weather in Paris? #reasoning',
        tools: [weatherTool],
        ...extra,
      });

    it('carries encrypted_content only when include asks for it', async () => {
      const plain = (await ask()).output.find((item) => item.type === 'reasoning');
      expect(plain?.summary.length).toBe(2);
      expect(plain).not.toHaveProperty('encrypted_content');
      const asked = await ask({ include: ['reasoning.encrypted_content'] });
      const item = asked.output.find((entry) => entry.type === 'reasoning');
      expect(item?.encrypted_content).toMatch(/^scripted-reasoning\./);
    });

    it('reads a reasoning item back from its encrypted content; refuses one it would have to look up', async () => {
      const first = await ask({ include: ['reasoning.encrypted_content'], store: false });
      const reasoning = first.output.find((item) => item.type === 'reasoning');
      if (reasoning?.type !== 'reasoning') throw new Error('no reasoning item');
      const user: ResponseInputItem = { role: 'user', content: 'Weather in Paris?' };
      const ok = await client.responses.create({
        model: 'gpt-5.4',
        input: [
          user,
          {
            type: 'reasoning',
            summary: reasoning.summary,
            encrypted_content: reasoning.encrypted_content ?? null,
          } as ResponseInputItem,
        ],
        store: false,
      });
      expect(ok.status).toBe('completed');
      const { encrypted_content: _dropped, ...byId } = reasoning;
      const missing = await client.responses
        .create({ model: 'gpt-5.4', input: [user, byId as ResponseInputItem], store: false })
        .catch((error: unknown) => error);
      expect(missing).toBeInstanceOf(NotFoundError);
      expect((missing as NotFoundError).message).toContain(`Item with id '${reasoning.id}' not found`);
      const forged = await client.responses
        .create({
          model: 'gpt-5.4',
          input: [user, { ...byId, encrypted_content: 'tb1.anthropic.e30' } as ResponseInputItem],
          store: false,
        })
        .catch((error: unknown) => error);
      expect(forged).toBeInstanceOf(BadRequestError);
      expect((forged as BadRequestError).code).toBe('invalid_encrypted_content');
    });

    it('refuses the include for a model without reasoning (gpt-4o, gpt-4.1)', async () => {
      for (const model of ['gpt-4o', 'gpt-4.1-mini']) {
        const refused = await client.responses
          .create({ model, input: 'Hello', include: ['reasoning.encrypted_content'] })
          .catch((error: unknown) => error);
        expect(refused).toBeInstanceOf(BadRequestError);
        expect((refused as BadRequestError).param).toBe('include');
        expect((refused as BadRequestError).message).toContain(
          'Encrypted content is not supported with this model',
        );
      }
      expect((await client.responses.create({ model: 'gpt-4o', input: 'Hello' })).status).toBe('completed');
    });
  });

  it('refuses background mode without store, as OpenAI does (it keeps a background response to be polled)', async () => {
    const refused = await client.responses
      .create({ model: 'gpt-5.4', input: 'Hello', background: true, store: false })
      .catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(BadRequestError);
    expect((refused as BadRequestError).param).toBe('background');
  });

  it('structured output: responses.parse and chat.completions.parse read JSON of the schema', async () => {
    const schema = {
      type: 'object',
      properties: { report: { type: 'string' }, unit: { type: 'string', enum: ['celsius', 'fahrenheit'] } },
      required: ['report', 'unit'],
      additionalProperties: false,
    };
    const parsed = await client.responses.parse({
      model: 'gpt-5.4',
      input: 'Weather in Paris, in fahrenheit?',
      text: { format: { type: 'json_schema', name: 'report', schema, strict: true } },
    });
    expect(parsed.output_parsed).toEqual({
      report: 'Echo: Weather in Paris, in fahrenheit?',
      unit: 'fahrenheit',
    });
    const chat = await client.chat.completions.parse({
      model: 'gpt-5.4',
      messages: [{ role: 'user', content: 'Weather in Paris?' }],
      response_format: { type: 'json_schema', json_schema: { name: 'report', schema, strict: true } },
    });
    expect(chat.choices[0]?.message.parsed).toEqual({ report: 'Echo: Weather in Paris?', unit: 'celsius' });
    const object = await client.chat.completions.create({
      model: 'gpt-5.4',
      messages: [{ role: 'user', content: 'Say hi, as JSON' }],
      response_format: { type: 'json_object' },
    });
    expect(JSON.parse(object.choices[0]?.message.content ?? '')).toEqual({ answer: 'Echo: Say hi, as JSON' });
  });
});
