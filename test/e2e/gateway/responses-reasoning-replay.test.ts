import OpenAI from 'openai';
import type { Response, ResponseInputItem, ResponseStreamEvent } from 'openai/resources/responses/responses';
import { describe, expect, it } from 'vitest';
import { useTestGateway } from '../../../test-support/gateway/start-test-gateway.js';
import { responsesWeatherTool } from '../../../test-support/gateway/weather-tools.js';

// The gateway keeps the conversation and sends a Responses upstream `store: false`, so OpenAI keeps
// nothing of a turn: a reasoning item sent back without its `encrypted_content` is looked up by id and
// refused (404 "Item with id 'rs_…' not found. Items are not persisted when `store` is set to false").
// The scripted upstream behaves the same way, and refuses `include: ["reasoning.encrypted_content"]`
// for models without reasoning (gpt-4.1), as OpenAI does (docs/providers.md#openai-responses-upstreams).
type Json = Record<string, unknown>;

/** Drains a Responses stream; its `response.completed` Response. */
async function completedOf(stream: AsyncIterable<ResponseStreamEvent>): Promise<Response> {
  for await (const event of stream) if (event.type === 'response.completed') return event.response;
  throw new Error('the stream ended without response.completed');
}

describe('reasoning items over an OpenAI Responses upstream (store: false upstream)', () => {
  const harness = useTestGateway({ upstreamApi: 'responses' });
  const tools = [responsesWeatherTool()];
  const bodies = (): Json[] => harness.requestsSinceMark().map((request) => request.body as Json);
  const callOf = (response: Response) => {
    const call = response.output.find((item) => item.type === 'function_call');
    if (call?.type !== 'function_call') throw new Error('no function call in the answer');
    return call;
  };

  it('a tool loop of a reasoning model continues with previous_response_id (JSON)', async () => {
    const first = await harness.client.responses.create({
      model: 'gpt-5.4',
      input: 'Weather in Paris? #reasoning',
      tools,
    });
    const reasoning = first.output.find((item) => item.type === 'reasoning');
    expect(reasoning?.encrypted_content).toMatch(/^scripted-reasoning\./);
    const call = callOf(first);
    const second = await harness.client.responses.create({
      model: 'gpt-5.4',
      previous_response_id: first.id,
      input: [{ type: 'function_call_output', call_id: call.call_id, output: '21 °C' }],
      tools,
    });
    expect(second.status).toBe('completed');
    expect(second.output_text).toContain('21 °C');
    const [turn1, turn2] = bodies();
    expect(turn1?.['include']).toEqual(['reasoning.encrypted_content']);
    expect(turn1?.['store']).toBe(false);
    const replayed = ((turn2?.['input'] ?? []) as Json[]).filter((item) => item['type'] === 'reasoning');
    // Its encrypted content and summary, no id (an id would be looked up, and found nowhere).
    expect(replayed).toEqual([
      { type: 'reasoning', summary: reasoning?.summary, encrypted_content: reasoning?.encrypted_content },
    ]);
  });

  it('the same loop streamed, the client echoing the items back in input', async () => {
    const stream = await harness.client.responses.create({
      model: 'gpt-5.4',
      input: 'Weather in Paris? #reasoning',
      tools,
      stream: true,
      store: false,
    });
    const completed = await completedOf(stream);
    const call = callOf(completed);
    const input: ResponseInputItem[] = [
      { role: 'user', content: 'Weather in Paris? #reasoning' },
      ...(completed.output as ResponseInputItem[]),
      { type: 'function_call_output', call_id: call.call_id, output: '21 °C' },
    ];
    const second = await harness.client.responses.create({ model: 'gpt-5.4', input, tools, store: false });
    expect(second.output_text).toContain('21 °C');
  });

  it('a reasoning item without encrypted content is left out, and the header says so', async () => {
    // E.g. made from a Chat upstream's reasoning text, or stored before the gateway asked for it.
    const raw = await harness.client.responses
      .create({
        model: 'gpt-5.4',
        input: [
          { role: 'user', content: 'Weather in Paris?' },
          { type: 'reasoning', id: 'rs_elsewhere', summary: [{ type: 'summary_text', text: 'Thinking.' }] },
          { type: 'function_call', call_id: 'call_1', name: 'get_weather', arguments: '{"city":"Paris"}' },
          { type: 'function_call_output', call_id: 'call_1', output: '21 °C' },
        ],
        tools,
      })
      .withResponse();
    expect(raw.response.status).toBe(200);
    expect(raw.data.output_text).toContain('21 °C');
    expect(raw.response.headers.get('x-toolbridge-adjusted')).toContain('dropped 1 reasoning item');
    const sent = bodies().at(-1)?.['input'] as Json[];
    expect(sent.some((item) => item['type'] === 'reasoning')).toBe(false);
  });

  it('a model without reasoning refuses the include once; the gateway asks again without it and remembers', async () => {
    const ask = () =>
      harness.client.responses.create({ model: 'gpt-4.1', input: 'Weather in Paris?', tools });
    const first = await ask();
    expect(callOf(first).name).toBe('get_weather');
    const afterFirst = bodies();
    expect(afterFirst.map((body) => body['include'])).toEqual([['reasoning.encrypted_content'], undefined]);
    harness.mark();
    const stream = await harness.client.responses.create({
      model: 'gpt-4.1',
      input: 'Weather in Paris?',
      tools,
      stream: true,
    });
    for await (const _event of stream) {
      // drained
    }
    expect(bodies().map((body) => body['include'])).toEqual([undefined]);
  });

  it('a streamed first request learns the refusal the same way, before the client sees a byte', async () => {
    const stream = await harness.client.responses.create({
      model: 'gpt-4o-mini',
      input: 'Weather in Paris?',
      tools,
      stream: true,
    });
    expect((await completedOf(stream)).status).toBe('completed');
    expect(bodies().map((body) => body['include'])).toEqual([['reasoning.encrypted_content'], undefined]);
  });

  it("a client's own include of encrypted content is still refused for such a model (400, as OpenAI)", async () => {
    const failure = await harness.client.responses
      .create({ model: 'gpt-4o', input: 'Hello', include: ['reasoning.encrypted_content'] })
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(OpenAI.BadRequestError);
    expect((failure as InstanceType<typeof OpenAI.BadRequestError>).param).toBe('include');
  });
});

describe('background: true over a Responses upstream', () => {
  const harness = useTestGateway({ upstreamApi: 'responses' });

  it('is answered in the foreground: final at once, the upstream never asked to keep it', async () => {
    const raw = await harness.client.responses
      .create({ model: 'gpt-5.4', input: 'Say hello.', background: true })
      .withResponse();
    expect(raw.data.status).toBe('completed');
    expect(raw.data.output_text.length).toBeGreaterThan(0);
    expect(raw.response.headers.get('x-toolbridge-adjusted')).toContain(
      'background: answered in the foreground',
    );
    const sent = harness.requestsSinceMark().at(-1)?.body as Record<string, unknown>;
    expect(sent).not.toHaveProperty('background');
    // What a polling client does next: the stored Response is the final one.
    expect((await harness.client.responses.retrieve(raw.data.id)).status).toBe('completed');
  });
});
