import { describe, expect, it } from 'vitest';
import { ChatStreamAccumulator } from './chat-stream-accumulator.js';
import { chatFixture } from './test-kit.case.js';

async function accumulate(name: string): Promise<ChatStreamAccumulator> {
  const accumulator = new ChatStreamAccumulator();
  for await (const chunk of chatFixture(name)) accumulator.push(chunk);
  return accumulator;
}
const chunk = (delta: object, finishReason: string | null = null) => ({
  id: 'chatcmpl-1',
  object: 'chat.completion.chunk',
  created: 1,
  model: 'm',
  choices: [{ index: 0, delta, finish_reason: finishReason }],
});

describe('ChatStreamAccumulator', () => {
  it('rebuilds a text completion', async () => {
    expect((await accumulate('chat-text.sse')).toCompletion()).toEqual({
      id: 'chatcmpl-ABfwText00000000000000000001',
      object: 'chat.completion',
      created: 1727346178,
      model: 'gpt-4o-2024-08-06',
      system_fingerprint: 'fp_5050236cbd',
      choices: [
        {
          index: 0,
          message: { role: 'assistant', content: 'Hello from Paris ☀️!', refusal: null },
          logprobs: null,
          finish_reason: 'stop',
        },
      ],
    });
  });

  it('rebuilds two parallel calls with their ids (never concatenated)', async () => {
    const message = (await accumulate('chat-two-parallel-calls.sse')).toCompletion().choices[0]?.message;
    expect(message?.content).toBeNull();
    expect(message?.tool_calls).toEqual([
      {
        id: 'call_JMW1whyEaYG438VE1OIflxA2',
        type: 'function',
        function: { name: 'GetWeatherArgs', arguments: '{"city": "Edinburgh", "country": "UK"}' },
      },
      {
        id: 'call_DNYTawLBoN8fj3KN6qU9N1Ou',
        type: 'function',
        function: { name: 'get_stock_price', arguments: '{"ticker": "AAPL"}' },
      },
    ]);
  });

  it('keeps the usage chunk', async () => {
    expect((await accumulate('chat-usage.sse')).toCompletion().usage).toMatchObject({
      prompt_tokens: 149,
      total_tokens: 209,
    });
  });

  it('handles Ollama calls without index and interleaved calls', async () => {
    const ollama = (await accumulate('chat-ollama-no-index.sse')).toCompletion().choices[0]?.message
      .tool_calls;
    expect(ollama?.map((call) => [call.id, call.function.arguments])).toEqual([
      ['call_k3j1x9ve', '{"city":"Paris"}'],
      ['call_p0q8z2mc', '{"timezone":"Europe/Paris"}'],
    ]);
    const interleaved = (await accumulate('chat-interleaved-calls.sse')).toCompletion().choices[0]?.message
      .tool_calls;
    expect(interleaved?.map((call) => call.function.arguments)).toEqual([
      '{"city":"Paris"}',
      '{"zone":"CET"}',
    ]);
  });

  it('throws on an error payload and on a truncated stream', async () => {
    await expect(accumulate('chat-error-mid-stream.sse')).rejects.toMatchObject({
      code: 'invalid_stream',
      message: expect.stringContaining('The server had an error'),
    });
    expect(() => new ChatStreamAccumulator().toCompletion()).toThrow('without sending any chunks');
    const truncated = await accumulate('chat-truncated.sse');
    expect(() => truncated.toCompletion()).toThrow('finish_reason');
  });

  it('rejects an identity change', () => {
    const accumulator = new ChatStreamAccumulator();
    accumulator.push(
      chunk({
        tool_calls: [{ index: 0, id: 'call_1', type: 'function', function: { name: 'f', arguments: '' } }],
      }),
    );
    expect(() => accumulator.push(chunk({ tool_calls: [{ index: 0, function: { name: 'g' } }] }))).toThrow(
      expect.objectContaining({ code: 'tool_call_identity_changed' }),
    );
  });

  it('reports "" arguments as "{}", synthesizes a stable id, maps function_call', () => {
    const accumulator = new ChatStreamAccumulator();
    accumulator.push(
      chunk({
        role: 'assistant',
        tool_calls: [{ index: 0, type: 'function', function: { name: 'ping', arguments: '' } }],
      }),
    );
    accumulator.push(chunk({}, 'function_call'));
    const first = accumulator.toCompletion();
    expect(first.choices[0]).toMatchObject({
      finish_reason: 'tool_calls',
      message: {
        tool_calls: [{ id: expect.stringMatching(/^call_/), function: { name: 'ping', arguments: '{}' } }],
      },
    });
    expect(accumulator.toCompletion()).toEqual(first);
  });

  it('enforces the text limit', () => {
    const accumulator = new ChatStreamAccumulator({ limits: { maxTextBytes: 4 } });
    expect(() => accumulator.push(chunk({ content: 'hello' }))).toThrow(
      expect.objectContaining({ code: 'stream_limit_exceeded' }),
    );
  });
});
