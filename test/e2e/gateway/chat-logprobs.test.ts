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
