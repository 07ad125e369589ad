import { describe, expect, it } from 'vitest';
import { expectOpenAIError } from '../../../test-support/gateway/expect-openai-error.js';
import { useTestGateway } from '../../../test-support/gateway/start-test-gateway.js';
import { responsesWeatherTool } from '../../../test-support/gateway/weather-tools.js';

// The gateway's own Responses state over a stateless upstream (docs/protocol/responses.md; conformance
// cases 54–57, 67–70): retrieve, delete, input_items paging, store:false, instructions, and the SSE replay.
const tools = [responsesWeatherTool()];

const notFound = (id: string) => ({
  status: 404,
  message: `Response with id '${id}' not found.`,
  type: 'invalid_request_error',
  param: null,
  code: null,
});

const previousNotFound = (id: string) => ({
  status: 400,
  message: `Previous response with id '${id}' not found.`,
  type: 'invalid_request_error',
  param: 'previous_response_id',
  code: 'previous_response_not_found',
});

function sseEvents(text: string): Array<Record<string, unknown>> {
  return text
    .split('\n\n')
    .filter((frame) => frame.includes('data: '))
    .map((frame) => JSON.parse(frame.slice(frame.indexOf('data: ') + 6)) as Record<string, unknown>);
}

interface InputItemsPage {
  object: string;
  data: Array<Record<string, unknown>>;
  first_id: string | null;
  last_id: string | null;
  has_more: boolean;
}

describe.each(['chat', 'responses'] as const)('stored responses over a %s upstream', (upstreamApi) => {
  const harness = useTestGateway({ upstreamApi });

  async function getJson(path: string): Promise<{ status: number; body: unknown; headers: Headers }> {
    const response = await fetch(`${harness.baseURL}${path}`);
    return { status: response.status, body: await response.json(), headers: response.headers };
  }

  it('GET returns exactly what create returned, JSON and streamed (case 67)', async () => {
    const created = await harness.client.responses.create({
      model: 'gpt-5.4',
      input: 'Weather in Paris?',
      tools,
    });
    expect(await harness.client.responses.retrieve(created.id)).toEqual(created);
    // Streamed: the response.completed payload, as sent, is what GET returns.
    const stream = await harness.client.responses.create({
      model: 'gpt-5.4',
      input: 'Weather in Oslo?',
      tools,
      stream: true,
    });
    let completed: unknown;
    for await (const event of stream) if (event.type === 'response.completed') completed = event.response;
    const { id } = completed as { id: string };
    expect((await getJson(`/responses/${id}`)).body).toEqual(completed);
  });

  it('DELETE answers {deleted:true}; then GET is 404 E17 and chaining is E16 (cases 54, 68)', async () => {
    const created = await harness.client.responses.create({ model: 'gpt-5.4', input: 'Say hi' });
    const response = await fetch(`${harness.baseURL}/responses/${created.id}`, { method: 'DELETE' });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ id: created.id, object: 'response', deleted: true });
    const upstreamBefore = harness.upstream.requests.length;
    await expectOpenAIError(harness.client.responses.retrieve(created.id), notFound(created.id));
    await expectOpenAIError(harness.client.responses.delete(created.id), notFound(created.id));
    await expectOpenAIError(
      harness.client.responses.create({ model: 'gpt-5.4', previous_response_id: created.id, input: 'again' }),
      previousNotFound(created.id),
    );
    await expectOpenAIError(
      harness.client.responses.create({
        model: 'gpt-5.4',
        previous_response_id: 'resp_doesnotexist',
        input: 'x',
      }),
      previousNotFound('resp_doesnotexist'),
    );
    expect(harness.upstream.requests.length).toBe(upstreamBefore);
    // The SDK's own delete() (void result) works on a live one.
    const other = await harness.client.responses.create({ model: 'gpt-5.4', input: 'Say hi' });
    await harness.client.responses.delete(other.id);
    await expectOpenAIError(harness.client.responses.retrieve(other.id), notFound(other.id));
  });

  it('store:false is not retrievable and cannot be chained (case 55)', async () => {
    const created = await harness.client.responses.create({
      model: 'gpt-5.4',
      input: 'Say hi',
      store: false,
    });
    expect((created as unknown as { store: unknown }).store).toBe(false);
    await expectOpenAIError(harness.client.responses.retrieve(created.id), notFound(created.id));
    await expectOpenAIError(
      harness.client.responses.create({ model: 'gpt-5.4', previous_response_id: created.id, input: 'again' }),
      previousNotFound(created.id),
    );
    const streamed = await harness.client.responses
      .stream({ model: 'gpt-5.4', input: 'Say hi', store: false })
      .finalResponse();
    await expectOpenAIError(harness.client.responses.retrieve(streamed.id), notFound(streamed.id));
  });

  it('conversation is refused with a 400 naming it, never answered without its items', async () => {
    const before = harness.upstream.requests.length;
    await expectOpenAIError(
      harness.client.responses.create({ model: 'gpt-5.4', input: 'And tomorrow?', conversation: 'conv_123' }),
      {
        status: 400,
        message: /does not implement the Conversations API.*'previous_response_id'/,
        type: 'invalid_request_error',
        param: 'conversation',
        code: 'unsupported_parameter',
      },
    );
    expect(harness.upstream.requests.length).toBe(before);
  });

  it('malformed ids are refused before the store (case 56)', async () => {
    await expectOpenAIError(harness.client.responses.retrieve('abc'), {
      status: 400,
      message: "Invalid 'response_id': 'abc'. Expected an ID that begins with 'resp'.",
      type: 'invalid_request_error',
      param: 'response_id',
      code: 'invalid_value',
    });
    await expectOpenAIError(
      harness.client.responses.create({ model: 'gpt-5.4', previous_response_id: 'gen-123', input: 'x' }),
      {
        status: 400,
        message: "Invalid 'previous_response_id': 'gen-123'. Expected an ID that begins with 'resp'.",
        type: 'invalid_request_error',
        param: 'previous_response_id',
        code: 'invalid_id_prefix',
      },
    );
  });

  it('input_items: a list object, desc by default, ids and statuses on every item, paging (cases 69, 70)', async () => {
    const created = await harness.client.responses.create({
      model: 'gpt-5.4',
      tools,
      instructions: 'Be brief.',
      input: [
        { role: 'developer', content: 'Answer in English.' },
        { role: 'user', content: 'Weather in Paris?' },
        { type: 'function_call', call_id: 'call_paris', name: 'get_weather', arguments: '{"city":"Paris"}' },
        { type: 'function_call_output', call_id: 'call_paris', output: '18C sunny' },
      ],
    });
    expect(created.output_text).toContain('18C sunny');
    const { body, status } = await getJson(`/responses/${created.id}/input_items`);
    expect(status).toBe(200);
    const page = body as InputItemsPage;
    expect(page.object).toBe('list');
    expect(page.has_more).toBe(false);
    expect(page.data.map((item) => item['type'] ?? 'message')).toEqual([
      'function_call_output',
      'function_call',
      'message',
      'message',
    ]);
    for (const item of page.data) expect(item['id']).toEqual(expect.any(String));
    expect(new Set(page.data.map((item) => item['id'])).size).toBe(4);
    expect(page.data[0]).toMatchObject({ call_id: 'call_paris', output: '18C sunny', status: 'completed' });
    expect(page.data[1]).toMatchObject({ call_id: 'call_paris', status: 'completed' });
    expect(page.data[2]).toMatchObject({
      role: 'user',
      content: [{ type: 'input_text', text: 'Weather in Paris?' }],
    });
    expect(page.first_id).toBe(page.data[0]?.['id']);
    expect(page.last_id).toBe(page.data[3]?.['id']);
    // Instructions are not input items.
    expect(JSON.stringify(page.data)).not.toContain('Be brief.');

    const asc = (await getJson(`/responses/${created.id}/input_items?order=asc`)).body as InputItemsPage;
    expect(asc.data.map((item) => item['id'])).toEqual(page.data.map((item) => item['id']).reverse());

    const paged: unknown[] = [];
    let after: string | null = null;
    for (let guard = 0; guard < 10; guard++) {
      const query: string = after === null ? 'limit=1' : `limit=1&after=${after}`;
      const next = (await getJson(`/responses/${created.id}/input_items?${query}`)).body as InputItemsPage;
      expect(next.data).toHaveLength(1);
      paged.push(next.data[0]?.['id']);
      after = next.last_id;
      if (!next.has_more) break;
    }
    expect(paged).toEqual(page.data.map((item) => item['id']));

    // The SDK's cursor pagination walks the same pages.
    const viaSdk: unknown[] = [];
    for await (const item of harness.client.responses.inputItems.list(created.id, { limit: 1 }))
      viaSdk.push(item.id);
    expect(viaSdk).toEqual(paged);

    const tooMany = await getJson(`/responses/${created.id}/input_items?limit=101`);
    expect(tooMany.status).toBe(400);
    expect(tooMany.body).toMatchObject({ error: { param: 'limit', type: 'invalid_request_error' } });
    const unknown = await getJson('/responses/resp_unknown/input_items');
    expect(unknown.status).toBe(404);
    const { status: _status, ...envelope } = notFound('resp_unknown');
    expect(unknown.body).toEqual({ error: envelope });
  });

  it("input_items of a chained response lists only that request's own input", async () => {
    const r1 = await harness.client.responses.create({ model: 'gpt-5.4', input: 'Weather in Paris?', tools });
    const call = r1.output.find((item) => item.type === 'function_call');
    if (call?.type !== 'function_call') throw new Error('expected a call');
    const r2 = await harness.client.responses.create({
      model: 'gpt-5.4',
      previous_response_id: r1.id,
      tools,
      input: [{ type: 'function_call_output', call_id: call.call_id, output: '18C' }],
    });
    const items = (await getJson(`/responses/${r2.id}/input_items`)).body as InputItemsPage;
    expect(items.data).toEqual([
      expect.objectContaining({
        type: 'function_call_output',
        call_id: call.call_id,
        status: 'completed',
        id: expect.any(String),
      }),
    ]);
  });

  it('instructions are not carried over by previous_response_id (case 57)', async () => {
    const r1 = await harness.client.responses.create({
      model: 'gpt-5.4',
      input: 'Bonjour',
      instructions: 'Speak French',
    });
    expect(r1.instructions).toBe('Speak French');
    expect(JSON.stringify(harness.upstream.requests.at(-1)?.body)).toContain('Speak French');
    const r2 = await harness.client.responses.create({
      model: 'gpt-5.4',
      previous_response_id: r1.id,
      input: 'Encore',
    });
    expect(r2.instructions).toBeNull();
    const sent = JSON.stringify(harness.upstream.requests.at(-1)?.body);
    expect(sent).toContain('Bonjour');
    expect(sent).not.toContain('Speak French');
    expect((await harness.client.responses.retrieve(r2.id)).instructions).toBeNull();
  });

  it('GET ?stream=true replays the stored response as events; responses.stream({response_id}) works', async () => {
    const created = await harness.client.responses.create({
      model: 'gpt-5.4',
      input: 'Weather in Paris?',
      tools,
    });
    const response = await fetch(`${harness.baseURL}/responses/${created.id}?stream=true`);
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const events = (await response.text())
      .split('\n\n')
      .filter((frame) => frame.includes('data: '))
      .map(
        (frame) =>
          JSON.parse(frame.slice(frame.indexOf('data: ') + 6)) as { type: string; sequence_number: number },
      );
    expect(events[0]?.type).toBe('response.created');
    expect(events.at(-1)?.type).toBe('response.completed');
    expect(events.map((event) => event.sequence_number)).toEqual(events.map((_, index) => index));
    expect((events.at(-1) as unknown as { response: unknown }).response).toEqual(
      (await getJson(`/responses/${created.id}`)).body,
    );
    const replayed = await harness.client.responses.stream({ response_id: created.id }).finalResponse();
    expect(replayed.id).toBe(created.id);
    expect(replayed.output.map((item) => item.id)).toEqual(created.output.map((item) => item.id));
    const later = await fetch(`${harness.baseURL}/responses/${created.id}?stream=true&starting_after=2`);
    const laterTypes = (await later.text()).split('\n\n').filter((frame) => frame.includes('data: '));
    expect(laterTypes).toHaveLength(events.length - 3);
  });

  it.each([
    ['#error-midstream', 'failed', ['error', 'response.failed']],
    ['#length', 'incomplete', ['response.incomplete']],
  ] as const)(
    'a stream that ended %s is stored %s and replays the same way',
    async (directive, status, tail) => {
      const live = await fetch(`${harness.baseURL}/responses`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          model: 'gpt-5.4',
          input: `Say something long ${directive} #fragments=6`,
          stream: true,
        }),
      });
      const liveEvents = sseEvents(await live.text());
      expect(liveEvents.slice(-tail.length).map((event) => event['type'])).toEqual(tail);
      const final = liveEvents.at(-1)?.['response'] as Record<string, unknown>;
      expect(final['status']).toBe(status);
      const { body } = await getJson(`/responses/${String(final['id'])}`);
      expect(body).toEqual(final);
      const replay = await fetch(`${harness.baseURL}/responses/${String(final['id'])}?stream=true`);
      const replayed = sseEvents(await replay.text());
      expect(replayed.slice(-tail.length).map((event) => event['type'])).toEqual(tail);
      expect(replayed.map((event) => event['sequence_number'])).toEqual(replayed.map((_, index) => index));
      expect(replayed.at(-1)?.['response']).toEqual(body);
    },
  );
});
