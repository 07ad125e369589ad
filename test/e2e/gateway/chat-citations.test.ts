import { CITED_SOURCE } from '@toolbridge/scripted-upstream';
import { describe, expect, it } from 'vitest';
import { useTestGateway } from '../../../test-support/gateway/start-test-gateway.js';

// A search model cites its sources in `annotations` (Chat: nested `url_citation`, sent after the text in
// a stream; Responses: flat on the `output_text` part). Over a Chat upstream they reach both kinds of
// client in their own shape (docs/protocol/chat-completions.md#response).
describe('citations of a Chat upstream', () => {
  const harness = useTestGateway({ upstreamApi: 'chat' });
  const messages = [{ role: 'user' as const, content: 'Say hello #citations #fragments=3' }];

  it('a Chat client gets them as the upstream sent them, JSON or streamed, and in the stored completion', async () => {
    const json = await harness.client.chat.completions.create({ model: 'gpt-5.4', messages });
    const text = json.choices[0]?.message.content ?? '';
    const expected = [
      { type: 'url_citation', url_citation: { start_index: 0, end_index: text.length, ...CITED_SOURCE } },
    ];
    expect(json.choices[0]?.message.annotations).toEqual(expected);
    const stream = await harness.client.chat.completions.create({
      model: 'gpt-5.4',
      messages,
      stream: true,
      store: true,
    });
    const deltas: Array<Record<string, unknown>> = [];
    let id = '';
    for await (const chunk of stream) {
      id = chunk.id;
      deltas.push((chunk.choices[0]?.delta ?? {}) as Record<string, unknown>);
    }
    const cited = deltas.filter((delta) => 'annotations' in delta);
    expect(cited).toEqual([{ annotations: expected }]);
    // After all the text, before the finish chunk.
    expect(deltas.indexOf(cited[0] as Record<string, unknown>)).toBe(deltas.length - 2);
    const stored = await harness.client.chat.completions.retrieve(id);
    expect(stored.choices[0]?.message.annotations).toEqual(expected);
  });

  it('a Responses client gets them flat on the output_text part, streamed or not', async () => {
    const input = 'Say hello #citations #fragments=3';
    const response = await harness.client.responses.create({ model: 'gpt-5.4', input });
    const text = response.output_text;
    const expected = [{ type: 'url_citation', start_index: 0, end_index: text.length, ...CITED_SOURCE }];
    const part = (response.output[0] as { content: Array<{ annotations: unknown[] }> }).content[0];
    expect(part?.annotations).toEqual(expected);
    const stream = await harness.client.responses.create({ model: 'gpt-5.4', input, stream: true });
    let done: unknown[] = [];
    for await (const event of stream)
      if (event.type === 'response.content_part.done' && event.part.type === 'output_text')
        done = event.part.annotations;
    expect(done).toEqual(expected);
  });
});
