import { CHAT_REASONING } from '@toolbridge/scripted-upstream';
import type { ChatCompletionMessageParam } from 'openai/resources/chat/completions';
import { describe, expect, it } from 'vitest';
import { useTestGateway } from '../../../test-support/gateway/start-test-gateway.js';
import { chatWeatherTool, responsesWeatherTool } from '../../../test-support/gateway/weather-tools.js';

// An OpenAI-compatible reasoning server (DeepSeek, Kimi, Qwen on vLLM) sends its thinking as the
// assistant message's `reasoning_content`, and wants it back in a tool loop's history. Over a Chat
// upstream the gateway passes it on both ways (docs/protocol/chat-completions.md#reasoning).
type Json = Record<string, unknown>;

describe('reasoning_content of a Chat upstream', () => {
  const harness = useTestGateway({ upstreamApi: 'chat' });
  const tools = [chatWeatherTool(false)];
  const question: ChatCompletionMessageParam = { role: 'user', content: 'Weather in Paris? #reasoning' };
  const lastUpstreamMessages = (): Json[] => {
    const body = harness.upstream.requests.at(-1)?.body as { messages?: Json[] } | undefined;
    return body?.messages ?? [];
  };

  it('a JSON answer carries it on the message, beside the call', async () => {
    const completion = await harness.client.chat.completions.create({
      model: 'gpt-5.4',
      messages: [question],
      tools,
    });
    const message = completion.choices[0]?.message as unknown as Json;
    expect(message['reasoning_content']).toBe(CHAT_REASONING);
    expect(completion.choices[0]?.message.tool_calls).toHaveLength(1);
    const plain = await harness.client.chat.completions.create({
      model: 'gpt-5.4',
      messages: [{ role: 'user', content: 'Weather in Paris?' }],
      tools,
    });
    expect(plain.choices[0]?.message).not.toHaveProperty('reasoning_content');
  });

  it('a stream carries it as reasoning_content deltas, before the call', async () => {
    const stream = await harness.client.chat.completions.create({
      model: 'gpt-5.4',
      messages: [{ role: 'user', content: 'Weather in Paris? #reasoning #fragments=4' }],
      tools,
      stream: true,
    });
    const order: string[] = [];
    let reasoning = '';
    for await (const chunk of stream) {
      const delta = (chunk.choices[0]?.delta ?? {}) as Json;
      if (typeof delta['reasoning_content'] === 'string') {
        reasoning += delta['reasoning_content'];
        order.push('reasoning');
      }
      if (delta['tool_calls'] !== undefined) order.push('call');
    }
    expect(reasoning).toBe(CHAT_REASONING);
    expect(order.indexOf('call')).toBeGreaterThan(order.lastIndexOf('reasoning'));
  });

  it('the history a client sends back keeps it for the upstream', async () => {
    const first = await harness.client.chat.completions.create({
      model: 'gpt-5.4',
      messages: [question],
      tools,
    });
    const assistant = first.choices[0]?.message as ChatCompletionMessageParam;
    const call = first.choices[0]?.message.tool_calls?.[0];
    await harness.client.chat.completions.create({
      model: 'gpt-5.4',
      messages: [question, assistant, { role: 'tool', tool_call_id: call?.id ?? '', content: '21 °C' }],
      tools,
    });
    const sent = lastUpstreamMessages();
    expect(sent[1]).toMatchObject({ role: 'assistant', reasoning_content: CHAT_REASONING });
    expect(sent[1]?.['tool_calls']).toHaveLength(1);
    expect(sent).toHaveLength(3);
  });

  it('a Responses client gets it as a reasoning item with reasoning_text, streamed or not, and back by previous_response_id', async () => {
    const input = 'Weather in Paris? #reasoning #fragments=3';
    const response = await harness.client.responses.create({
      model: 'gpt-5.4',
      input,
      tools: [responsesWeatherTool(false)],
    });
    expect(response.output.map((item) => item.type)).toEqual(['reasoning', 'function_call']);
    expect((response.output[0] as unknown as Json)['content']).toEqual([
      { type: 'reasoning_text', text: CHAT_REASONING },
    ]);
    const stream = await harness.client.responses.create({
      model: 'gpt-5.4',
      input,
      tools: [responsesWeatherTool(false)],
      stream: true,
    });
    let streamed = '';
    for await (const event of stream)
      if (event.type === 'response.reasoning_text.delta') streamed += event.delta;
    expect(streamed).toBe(CHAT_REASONING);
    const call = response.output[1] as { call_id: string };
    await harness.client.responses.create({
      model: 'gpt-5.4',
      previous_response_id: response.id,
      input: [{ type: 'function_call_output', call_id: call.call_id, output: '21 °C' }],
      tools: [responsesWeatherTool(false)],
    });
    const sent = lastUpstreamMessages();
    expect(sent.find((message) => message['role'] === 'assistant')).toMatchObject({
      reasoning_content: CHAT_REASONING,
    });
  });
});

// vLLM dropped DeepSeek's field name for its own, `reasoning`, and reads only that one back
// (provider kind `vllm`, or `reasoningField` in the config).
describe('reasoning of a vLLM upstream (`reasoning`)', () => {
  const harness = useTestGateway({
    upstreamApi: 'chat',
    provider: { kind: 'vllm', reasoningField: 'reasoning' },
  });
  const tools = [chatWeatherTool(false)];

  it('reaches a Chat client as reasoning_content, streamed or not, and goes back under `reasoning`', async () => {
    const question: ChatCompletionMessageParam = {
      role: 'user',
      content: 'Weather in Paris? #vllm-reasoning',
    };
    const first = await harness.client.chat.completions.create({
      model: 'gpt-5.4',
      messages: [question],
      tools,
    });
    const message = (first.choices[0]?.message ?? {}) as unknown as Json;
    expect(message['reasoning_content']).toBe(CHAT_REASONING);
    const stream = await harness.client.chat.completions.create({
      model: 'gpt-5.4',
      messages: [question],
      tools,
      stream: true,
    });
    let streamed = '';
    for await (const chunk of stream) {
      const delta = (chunk.choices[0]?.delta ?? {}) as Json;
      if (typeof delta['reasoning_content'] === 'string') streamed += delta['reasoning_content'];
    }
    expect(streamed).toBe(CHAT_REASONING);
    const call = first.choices[0]?.message.tool_calls?.[0];
    await harness.client.chat.completions.create({
      model: 'gpt-5.4',
      messages: [
        question,
        first.choices[0]?.message as ChatCompletionMessageParam,
        { role: 'tool', tool_call_id: call?.id ?? '', content: '21 °C' },
      ],
      tools,
    });
    const body = harness.upstream.requests.at(-1)?.body as { messages?: Json[] } | undefined;
    const assistant = body?.messages?.[1];
    expect(assistant).toMatchObject({ role: 'assistant', reasoning: CHAT_REASONING });
    expect(assistant).not.toHaveProperty('reasoning_content');
  });
});
