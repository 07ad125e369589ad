import type { ResponseStreamEvent } from 'openai/resources/responses/responses';
import { describe, expect, it } from 'vitest';
import { responseShapeProblems } from '../../../test-support/gateway/open-responses-shape.js';
import { useTestGateway } from '../../../test-support/gateway/start-test-gateway.js';
import { responsesWeatherTool } from '../../../test-support/gateway/weather-tools.js';

// The complete Response object on every path (docs/open-responses.md#response-object): JSON, every
// lifecycle event of a stream, GET and its replay; and what the gateway keeps of an upstream's answer
// (docs/open-responses.md#nothing-lost): message phase, reasoning summaries, absent usage.

/** Every Response object a stream carries, with the event type it came in. */
function streamedResponses(events: readonly ResponseStreamEvent[]): Array<[string, unknown]> {
  return events.flatMap((event) =>
    'response' in event ? [[event.type, event.response] as [string, unknown]] : [],
  );
}

describe.each(['chat', 'responses'] as const)('the Response object over a %s upstream', (upstreamApi) => {
  const harness = useTestGateway({ upstreamApi });

  it('JSON: completed_at, the sampling fields and the rest of the spec, also on GET', async () => {
    const created = await harness.client.responses.create({ model: 'gpt-5.4', input: 'Say hello.' });
    expect(responseShapeProblems(created)).toEqual([]);
    expect(created.completed_at).toBeGreaterThanOrEqual(created.created_at);
    expect(created).toMatchObject({ presence_penalty: 0, frequency_penalty: 0, temperature: 1, top_p: 1 });
    expect(await harness.client.responses.retrieve(created.id)).toEqual(created);
  });

  it('stream: completed_at is null in response.created and response.in_progress, set in response.completed', async () => {
    const stream = await harness.client.responses.create({
      model: 'gpt-5.4',
      input: 'Weather in Paris?',
      tools: [responsesWeatherTool()],
      stream: true,
    });
    const events: ResponseStreamEvent[] = [];
    for await (const event of stream) events.push(event);
    const carried = streamedResponses(events);
    expect(carried.map(([type]) => type)).toEqual([
      'response.created',
      'response.in_progress',
      'response.completed',
    ]);
    for (const [, response] of carried) expect(responseShapeProblems(response)).toEqual([]);
    const completed = carried[2]?.[1] as { id: string; completed_at: number };
    expect(completed.completed_at).toEqual(expect.any(Number));
    // The replay of the stored response carries the same complete objects.
    const replay = await fetch(`${harness.baseURL}/responses/${completed.id}?stream=true`);
    const frames = (await replay.text()).split('\n\n').filter((frame) => frame.includes('data: '));
    const replayed = frames.map((frame) => JSON.parse(frame.slice(frame.indexOf('data: ') + 6)));
    const lifecycle = replayed.filter((event: { response?: unknown }) => event.response !== undefined);
    expect(lifecycle.map((event: { response: unknown }) => responseShapeProblems(event.response))).toEqual([
      [],
      [],
      [],
    ]);
    expect(lifecycle[0].response.completed_at).toBeNull();
    expect(lifecycle[2].response).toEqual(completed);
  });

  it('echoes the penalties a client sets (Open Responses request fields)', async () => {
    const created = await harness.client.responses.create({
      model: 'gpt-5.4',
      input: 'Say hello.',
      presence_penalty: 0.25,
      frequency_penalty: 0.5,
    } as Parameters<typeof harness.client.responses.create>[0] & { stream?: false });
    expect(created).toMatchObject({ presence_penalty: 0.25, frequency_penalty: 0.5 });
  });
});

describe('what a Responses upstream says reaches the client', () => {
  const harness = useTestGateway({ upstreamApi: 'responses' });

  it('message phase: on the output, streamed, stored and replayed upstream in the next turn', async () => {
    const created = await harness.client.responses.create({ model: 'gpt-5.4', input: 'Say hello. #phase' });
    const message = created.output.find((item) => item.type === 'message');
    expect(message?.type === 'message' ? message.phase : undefined).toBe('final_answer');
    const stream = harness.client.responses.stream({ model: 'gpt-5.4', input: 'Say hello. #phase' });
    const streamed = await stream.finalResponse();
    expect(streamed.output.map((item) => (item.type === 'message' ? item.phase : null))).toEqual([
      'final_answer',
    ]);
    expect((await harness.client.responses.retrieve(created.id)).output).toEqual(created.output);
    harness.mark();
    await harness.client.responses.create({
      model: 'gpt-5.4',
      previous_response_id: created.id,
      input: 'Again.',
    });
    const sent = harness.requestsSinceMark()[0]?.body as { input: Array<Record<string, unknown>> };
    expect(sent.input.find((item) => item['role'] === 'assistant')).toMatchObject({ phase: 'final_answer' });
  });

  it('phase on assistant input messages is forwarded, not stripped', async () => {
    harness.mark();
    await harness.client.responses.create({
      model: 'gpt-5.4',
      input: [
        { type: 'message', role: 'assistant', phase: 'commentary', content: 'I will check.' },
        { type: 'message', role: 'assistant', phase: 'final_answer', content: 'It is four.' },
        { type: 'message', role: 'user', content: 'Repeat the number.' },
      ],
    });
    const sent = harness.requestsSinceMark()[0]?.body as { input: Array<Record<string, unknown>> };
    expect(sent.input.map((item) => item['phase'])).toEqual(['commentary', 'final_answer', undefined]);
  });

  it('reasoning summaries stream to a Responses client event by event', async () => {
    const stream = harness.client.responses.stream({
      model: 'gpt-5.4',
      input: 'Say hello. #reasoning #fragments=4',
    });
    const deltas: string[] = [];
    stream.on('response.reasoning_summary_text.delta', (event) => deltas.push(event.delta));
    const final = await stream.finalResponse();
    const reasoning = final.output[0];
    expect(reasoning?.type).toBe('reasoning');
    const summary = reasoning?.type === 'reasoning' ? reasoning.summary.map((part) => part.text) : [];
    expect(summary).toHaveLength(2);
    expect(deltas.length).toBeGreaterThanOrEqual(8);
    expect(deltas.join('')).toBe(summary.join(''));
  });

  it('a Chat client gets the answer without the reasoning summary', async () => {
    const completion = await harness.client.chat.completions
      .stream({ model: 'gpt-5.4', messages: [{ role: 'user', content: 'Say hello. #reasoning' }] })
      .finalChatCompletion();
    expect(completion.choices[0]?.message.content).toEqual(expect.any(String));
    expect(JSON.stringify(completion)).not.toContain('Reading the request');
  });
});

describe('usage a Chat upstream did not send', () => {
  const harness = useTestGateway({ upstreamApi: 'chat' });

  it('stays absent for a Chat client that asked for it, instead of zeros', async () => {
    const stream = await harness.client.chat.completions.create({
      model: 'gpt-5.4',
      messages: [{ role: 'user', content: 'Say hello. #no-usage' }],
      stream: true,
      stream_options: { include_usage: true },
    });
    const usages: unknown[] = [];
    for await (const chunk of stream) if (chunk.usage) usages.push(chunk.usage);
    expect(usages).toEqual([]);
  });
});
