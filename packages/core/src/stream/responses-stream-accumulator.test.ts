import { describe, expect, it } from 'vitest';
import { ResponsesStreamAccumulator } from './responses-stream-accumulator.js';
import { collect, responsesFixture } from './test-kit.case.js';

const FIXTURES = [
  'responses-text.sse',
  'responses-two-calls.sse',
  'responses-text-then-call.sse',
  'responses-incomplete.sse',
  'responses-done-only-arguments.sse',
  'responses-reasoning-call.sse',
];

async function events(name: string): Promise<Record<string, unknown>[]> {
  return (await collect(responsesFixture(name))) as Record<string, unknown>[];
}
function feed(list: unknown[]): ResponsesStreamAccumulator {
  const accumulator = new ResponsesStreamAccumulator();
  for (const event of list) accumulator.push(event);
  return accumulator;
}
/** Renumbers sequence numbers after an edit, so only the intended rule breaks. */
const renumber = (list: Record<string, unknown>[]) =>
  list.map((event, index) => ({ ...event, sequence_number: index }));

describe('ResponsesStreamAccumulator', () => {
  it.each(FIXTURES)('accepts the recorded shape %s and returns the terminal Response', async (name) => {
    const list = await events(name);
    expect(feed(list).toResponse()).toEqual(list.at(-1)?.['response']);
  });

  it('throws the upstream error of a failed stream', async () => {
    const accumulator = feed(await events('responses-failed.sse'));
    expect(accumulator.error).toMatchObject({ code: 'insufficient_quota' });
    expect(() => accumulator.toResponse()).toThrow('You exceeded your current quota');
  });

  const text = () => events('responses-text.sse');
  const twoCalls = () => events('responses-two-calls.sse');
  type Mutation = (list: Record<string, unknown>[]) => Record<string, unknown>[];
  const at =
    (index: number, change: (event: Record<string, unknown>) => Record<string, unknown>): Mutation =>
    (list) =>
      list.map((event, position) => (position === index ? change(event) : event));

  it.each<[string, () => Promise<Record<string, unknown>[]>, Mutation]>([
    ['R1', text, (list) => renumber(list.slice(1))],
    ['R2', text, at(2, (event) => ({ ...event, output_index: 1 }))],
    ['R3', text, at(2, (event) => ({ ...event, item: { ...(event['item'] as object), id: '' } }))],
    [
      'R3',
      twoCalls,
      at(2 + 5, (event) => ({
        ...event,
        item: { ...(event['item'] as object), call_id: 'call_5dp5Uj0Loqn1YcyIpqSq6sLX' },
      })),
    ],
    ['R4', text, at(4, (event) => ({ ...event, item_id: 'msg_other' }))],
    ['R4', twoCalls, at(3, (event) => ({ ...event, type: 'response.output_text.delta', content_index: 0 }))],
    ['R4', twoCalls, at(5, (event) => ({ ...event, arguments: '{}' }))],
    ['R5', text, (list) => renumber(list.filter((event) => event['type'] !== 'response.content_part.added'))],
    ['R5', text, at(7, (event) => ({ ...event, text: 'something else' }))],
    ['R6', text, at(9, (event) => ({ ...event, item: { ...(event['item'] as object), id: 'msg_changed' } }))],
    ['R6', text, (list) => renumber(list.filter((event) => event['type'] !== 'response.output_item.done'))],
    [
      'R7',
      text,
      at(10, (event) => ({ ...event, response: { ...(event['response'] as object), output: [] } })),
    ],
    ['R7', text, at(1, (event) => ({ ...event, response: { id: 'resp_x' } }))],
    ['R8', text, at(4, (event) => ({ ...event, type: 'response.output_text.sparkle' }))],
    ['R9', text, (list) => renumber([...list, list[1] as Record<string, unknown>])],
    ['R10', text, at(5, (event) => ({ ...event, sequence_number: 1 }))],
  ])('names the violated rule %s', async (rule, source, mutate) => {
    const list = mutate(await source());
    expect(() => feed(list).toResponse()).toThrow(new RegExp(`^${rule}:`));
  });

  it('R9: a stream without a terminal event has no final Response', async () => {
    const list = await text();
    expect(() => feed(list.slice(0, -1)).toResponse()).toThrow(/^R9:/);
  });
});
