import type { ChatCompletionChunk } from 'openai/resources/chat/completions';
import { describe, expect, it } from 'vitest';
import { useTestGateway } from '../../../test-support/gateway/start-test-gateway.js';

// Chat `logprobs: true` over a Chat upstream: the upstream's token log probabilities reach the client
// as OpenAI sends them, in a JSON answer, on the chunks of a stream (beside the text they belong to),
// and in a completion stored from a stream (docs/protocol/chat-completions.md#streaming).
describe('token logprobs through the gateway', () => {
  const harness = useTestGateway({ upstreamApi: 'chat' });
  const params = {
    model: 'gpt-5.4',
    messages: [{ role: 'user' as const, content: 'Say hello #fragments=5' }],
    logprobs: true,
    top_logprobs: 2,
  };

  it('a JSON answer carries the upstream’s logprobs', async () => {
    const completion = await harness.client.chat.completions.create(params);
    const logprobs = completion.choices[0]?.logprobs;
    expect(logprobs?.refusal).toBeNull();
    const tokens = logprobs?.content ?? [];
    expect(tokens).toHaveLength(5);
    expect(tokens.map((token) => token.token).join('')).toBe(completion.choices[0]?.message.content);
    expect(tokens[0]?.top_logprobs).toHaveLength(2);
    const plain = await harness.client.chat.completions.create({
      model: 'gpt-5.4',
      messages: params.messages,
    });
    expect(plain.choices[0]?.logprobs).toBeNull();
  });

  it('a stream carries them on the chunks of their text; the helper and the stored completion see the JSON answer’s', async () => {
    const json = await harness.client.chat.completions.create(params);
    const chunks: ChatCompletionChunk[] = [];
    const stream = harness.client.chat.completions.stream({ ...params, store: true });
    stream.on('chunk', (chunk) => chunks.push(chunk));
    const final = await stream.finalChatCompletion();
    expect(final.choices[0]?.logprobs).toEqual(json.choices[0]?.logprobs);
    let withTokens = 0;
    for (const chunk of chunks) {
      const choice = chunk.choices[0];
      const tokens = choice?.logprobs?.content ?? [];
      if (tokens.length > 0) withTokens += 1;
      // Fragments that arrive together go out joined, with their tokens joined beside them.
      expect(tokens.map((token) => token.token).join('')).toBe(choice?.delta.content ?? '');
    }
    expect(withTokens).toBeGreaterThan(0);
    const stored = await harness.client.chat.completions.retrieve(chunks[0]?.id ?? '');
    expect(stored.choices[0]?.logprobs).toEqual(json.choices[0]?.logprobs);
  });
});

// A Responses client asks with `include: ["message.output_text.logprobs"]` (and `top_logprobs`); over a
// Chat upstream that is Chat's `logprobs: true`, and the tokens come back where OpenAI's Responses puts
// them: the text part's `logprobs`, and each `response.output_text.delta` beside its text.
describe('token logprobs for a Responses client over a Chat upstream', () => {
  const harness = useTestGateway({ upstreamApi: 'chat' });
  const params = {
    model: 'gpt-5.4',
    input: 'Say hello #fragments=5',
    include: ['message.output_text.logprobs' as const],
    top_logprobs: 2,
  };
  const textPart = (response: { output: unknown[] }) => {
    const message = response.output[0] as { content: Array<{ text: string; logprobs?: unknown[] }> };
    return message.content[0];
  };

  it('asks the upstream for them, unannounced, and returns them on the text part', async () => {
    const { data, response } = await harness.client.responses.create(params).withResponse();
    expect(harness.upstream.requests.at(-1)?.body).toMatchObject({ logprobs: true, top_logprobs: 2 });
    expect(response.headers.get('x-toolbridge-adjusted')).toBeNull();
    const part = textPart(data);
    const tokens = (part?.logprobs ?? []) as Array<{ token: string; top_logprobs: unknown[] }>;
    expect(tokens).toHaveLength(5);
    expect(tokens.map((token) => token.token).join('')).toBe(part?.text);
    expect(tokens[0]?.top_logprobs).toHaveLength(2);
    const plain = await harness.client.responses.create({ model: 'gpt-5.4', input: params.input });
    expect(harness.upstream.requests.at(-1)?.body).not.toHaveProperty('logprobs');
    expect(textPart(plain)?.logprobs).toEqual([]);
  });

  it('a stream carries each delta’s tokens, and the done events and final Response all of them', async () => {
    const json = await harness.client.responses.create(params);
    const stream = await harness.client.responses.create({ ...params, stream: true });
    const fromDeltas: unknown[] = [];
    let done: unknown[] = [];
    let final: { output: unknown[] } | undefined;
    for await (const event of stream) {
      if (event.type === 'response.output_text.delta') {
        const tokens = event.logprobs as Array<{ token: string }>;
        expect(tokens.map((token) => token.token).join('')).toBe(event.delta);
        fromDeltas.push(...tokens);
      } else if (event.type === 'response.output_text.done') done = event.logprobs ?? [];
      else if (event.type === 'response.completed') final = event.response;
    }
    const expected = textPart(json)?.logprobs;
    expect(fromDeltas).toEqual(expected);
    expect(done).toEqual(expected);
    expect(textPart(final ?? { output: [] })?.logprobs).toEqual(expected);
  });

  it('names what else `include` asks for that a Chat upstream cannot give', async () => {
    const { response } = await harness.client.responses
      .create({ ...params, include: ['message.output_text.logprobs', 'reasoning.encrypted_content'] })
      .withResponse();
    expect(response.headers.get('x-toolbridge-adjusted')).toContain('include');
    expect(harness.upstream.requests.at(-1)?.body).toMatchObject({ logprobs: true });
  });
});
