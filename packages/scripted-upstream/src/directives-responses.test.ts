import OpenAI from 'openai';
import type { FunctionTool, Response, ResponseInputItem } from 'openai/resources/responses/responses';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXTRA_ARGUMENT_KEY } from './corrupt-arguments.js';
import type { ScriptedUpstream } from './scripted-upstream-options.js';
import { startScriptedUpstream } from './start-scripted-upstream.js';

const weatherTool: FunctionTool = {
  type: 'function',
  name: 'get_weather',
  description: 'Current weather for a city',
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
  client = new OpenAI({ baseURL: upstream.url, apiKey: 'test-key', maxRetries: 0, logLevel: 'off' });
});
afterAll(() => upstream.close());

function ask(input: string, extra: Record<string, unknown> = {}): Promise<Response> {
  return client.responses.create({ model: 'm', input, tools: [weatherTool], ...extra });
}

function functionCalls(
  response: Response,
): Array<{ call_id: string; name: string; arguments: string; status?: string }> {
  return response.output.flatMap((item) =>
    item.type === 'function_call'
      ? [
          {
            call_id: item.call_id,
            name: item.name,
            arguments: item.arguments,
            ...(item.status ? { status: item.status } : {}),
          },
        ]
      : [],
  );
}

type RawEvent = { type: string; sequence_number: number; [key: string]: unknown };

async function rawEvents(input: string): Promise<RawEvent[]> {
  const response = await fetch(`${upstream.url}/responses`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ model: 'm', stream: true, input, tools: [weatherTool] }),
  });
  return (await response.text())
    .split('\n\n')
    .filter((block) => block !== '')
    .map((block) => JSON.parse(block.split('\n')[1]?.replace(/^data: /, '') ?? '') as RawEvent);
}

describe('argument directives on Responses', () => {
  it('#invalid-json and #schema-violation break the arguments', async () => {
    const [invalid] = functionCalls(await ask('Weather in Paris? #invalid-json'));
    expect(() => JSON.parse(invalid?.arguments ?? '')).toThrow(SyntaxError);
    const [violating] = functionCalls(await ask('Weather in Paris? #schema-violation'));
    expect(JSON.parse(violating?.arguments ?? '')).toEqual({ city: 12345, [EXTRA_ARGUMENT_KEY]: true });
  });

  it('#invalid-once becomes valid after a function_call_output mentioning "invalid"', async () => {
    const first = await ask('Weather in Oslo? #invalid-once');
    const [bad] = functionCalls(first);
    expect(() => JSON.parse(bad?.arguments ?? '')).toThrow();
    const input: ResponseInputItem[] = [
      { role: 'user', content: 'Weather in Oslo? #invalid-once' },
      ...(first.output as ResponseInputItem[]),
      {
        type: 'function_call_output',
        call_id: bad?.call_id ?? '',
        output: 'invalid arguments: Unexpected end of JSON input',
      },
    ];
    const second = await client.responses.create({ model: 'm', input, tools: [weatherTool] });
    expect(JSON.parse(functionCalls(second)[0]?.arguments ?? '')).toEqual({ city: 'Oslo' });
  });

  it('#unknown-tool, #ignore-tool-choice, #parallel and #text', async () => {
    expect(functionCalls(await ask('Weather in Paris? #unknown-tool'))[0]?.name).toBe(
      'scripted_unknown_tool',
    );
    expect(
      functionCalls(await ask('Weather in Paris? #ignore-tool-choice', { tool_choice: 'none' })),
    ).toHaveLength(1);
    expect(
      functionCalls(await ask('Weather in Paris? #parallel', { parallel_tool_calls: false })),
    ).toHaveLength(2);
    expect((await ask('Weather in Paris? #text')).output_text).toBe('Echo: Weather in Paris?');
  });

  it('#length ends incomplete with reason max_output_tokens', async () => {
    const response = await ask('Weather in Paris? #length');
    expect(response.status).toBe('incomplete');
    expect(response.incomplete_details).toEqual({ reason: 'max_output_tokens' });
    expect(functionCalls(response)[0]?.status).toBe('incomplete');
    const events = await rawEvents('Hello #length');
    expect(events.at(-1)?.type).toBe('response.incomplete');
  });

  it('#no-usage leaves usage null', async () => {
    expect((await ask('Weather in Paris? #no-usage')).usage).toBeNull();
  });
});

describe('stream-shape directives on Responses', () => {
  it('#fragments=N gives N argument deltas', async () => {
    const events = await rawEvents('Weather in Paris? #fragments=4');
    expect(events.filter((event) => event.type === 'response.function_call_arguments.delta')).toHaveLength(4);
  });

  it('#interleave alternates the events of two calls by output_index', async () => {
    const events = await rawEvents('Weather in Paris and Oslo? #interleave #fragments=2');
    const items = events.filter((event) => 'output_index' in event).map((event) => event.output_index);
    expect(items).toEqual([0, 1, 0, 1, 0, 1, 0, 1, 0, 1]);
    expect(events.map((event) => event.sequence_number)).toEqual(events.map((_, index) => index));
  });

  it('#error-midstream sends an error event then response.failed, and the SDK raises', async () => {
    const events = await rawEvents('Weather in Paris? #error-midstream');
    expect(events.slice(-2).map((event) => event.type)).toEqual(['error', 'response.failed']);
    expect(events.at(-2)).toMatchObject({ error: { type: 'server_error', code: 'server_error' } });
    expect(events.at(-1)).toMatchObject({ response: { status: 'failed', error: { code: 'server_error' } } });
    expect(events.map((event) => event.sequence_number)).toEqual(events.map((_, index) => index));
    const stream = client.responses.stream({
      model: 'm',
      input: 'Weather in Paris? #error-midstream',
      tools: [weatherTool],
    });
    await expect(stream.finalResponse()).rejects.toThrow(/#error-midstream/);
  });

  it('#malformed-chunk makes the SDK stream fail', async () => {
    const stream = await client.responses.create({
      model: 'm',
      input: 'Weather in Paris? #malformed-chunk',
      tools: [weatherTool],
      stream: true,
    });
    const consume = async (): Promise<void> => {
      for await (const _event of stream) {
        // drain
      }
    };
    await expect(consume()).rejects.toThrow(SyntaxError);
  });
});
