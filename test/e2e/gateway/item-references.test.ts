import { createOpenAI } from '@ai-sdk/openai';
import { generateText } from 'ai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectOpenAIError } from '../../../test-support/gateway/expect-openai-error.js';
import { startTestGateway, type TestGateway } from '../../../test-support/gateway/start-test-gateway.js';
import { responsesWeatherTool } from '../../../test-support/gateway/weather-tools.js';

// `item_reference` to any stored item (docs/protocol/responses.md#input-items, E18; ADR 0005), not
// only to the previous_response_id chain: clients such as the Vercel AI SDK's Responses provider (store:true)
// reference earlier outputs by id and send no previous_response_id.
const tools = [responsesWeatherTool()];

const itemNotFound = (id: string) => ({
  status: 404,
  message: `Item with id '${id}' not found. Items are not persisted when \`store\` is set to false. Try again with \`store\` set to true, or remove this item from your input.`,
  type: 'invalid_request_error',
  param: 'input',
  code: null,
});

describe.each(['chat', 'responses'] as const)('item references over a %s upstream', (upstreamApi) => {
  let harness: TestGateway;
  beforeAll(async () => {
    // gpt-4.1: the AI SDK references earlier text by id only for non-reasoning models (or after reasoning).
    harness = await startTestGateway({ upstreamApi, provider: { models: ['gpt-5.4', 'gpt-4.1'] } });
  });
  afterAll(async () => {
    await harness.close();
  });

  /** The body of the upstream's latest request, as text, for content checks. */
  const lastUpstreamBody = () => JSON.stringify(harness.upstream.requests.at(-1)?.body);

  it('a reference to another response’s function_call works without previous_response_id', async () => {
    const first = await harness.client.responses.create({
      model: 'gpt-5.4',
      input: 'Weather in Paris?',
      tools,
    });
    const call = first.output.find((item) => item.type === 'function_call');
    if (call?.type !== 'function_call' || call.id === undefined) throw new Error('expected a function call');
    const second = await harness.client.responses.create({
      model: 'gpt-5.4',
      tools,
      input: [
        { role: 'user', content: 'Weather in Paris?' },
        { type: 'item_reference', id: call.id },
        { type: 'function_call_output', call_id: call.call_id, output: '18C sunny' },
      ],
    });
    expect(second.status).toBe('completed');
    expect(second.previous_response_id).toBeNull();
    expect(second.output_text).toContain('18C sunny');
    const upstream = lastUpstreamBody();
    expect(upstream).toContain(call.call_id);
    expect(upstream).toContain('get_weather');
    expect(upstream).toContain('Paris');
    // The copy got a fresh id: the stored input lists it, not the original's id.
    const listed = await harness.client.responses.inputItems.list(second.id, { order: 'asc' });
    const copied = listed.data.find((item) => item.type === 'function_call');
    expect(copied).toMatchObject({ type: 'function_call', call_id: call.call_id, name: 'get_weather' });
    expect(copied?.id).not.toBe(call.id);
  });

  it('a reference to another response’s output message sends its text upstream', async () => {
    const first = await harness.client.responses.create({ model: 'gpt-5.4', input: 'Say hello' });
    const message = first.output.find((item) => item.type === 'message');
    if (message?.type !== 'message') throw new Error('expected a message');
    const second = await harness.client.responses.create({
      model: 'gpt-5.4',
      input: [
        { role: 'user', content: 'Say hello' },
        { type: 'item_reference', id: message.id },
        { role: 'user', content: 'And again?' },
      ],
    });
    expect(second.status).toBe('completed');
    expect(first.output_text).not.toBe('');
    expect(lastUpstreamBody()).toContain(JSON.stringify(first.output_text).slice(1, -1));
  });

  it('an unknown id is 404 E18 and never reaches the upstream', async () => {
    const before = harness.upstream.requests.length;
    await expectOpenAIError(
      harness.client.responses.create({
        model: 'gpt-5.4',
        input: [{ type: 'item_reference', id: 'msg_never_stored' }],
      }),
      itemNotFound('msg_never_stored'),
    );
    expect(harness.upstream.requests.length).toBe(before);
  });

  it('items of a deleted or store:false response are 404 E18', async () => {
    const deleted = await harness.client.responses.create({ model: 'gpt-5.4', input: 'Say goodbye' });
    const message = deleted.output.find((item) => item.type === 'message');
    if (message?.type !== 'message') throw new Error('expected a message');
    await harness.client.responses.delete(deleted.id);
    await expectOpenAIError(
      harness.client.responses.create({
        model: 'gpt-5.4',
        input: [{ type: 'item_reference', id: message.id }],
      }),
      itemNotFound(message.id),
    );
    const unstored = await harness.client.responses.create({ model: 'gpt-5.4', input: 'Hi', store: false });
    const ephemeral = unstored.output.find((item) => item.type === 'message');
    if (ephemeral?.type !== 'message') throw new Error('expected a message');
    await expectOpenAIError(
      harness.client.responses.create({
        model: 'gpt-5.4',
        input: [{ type: 'item_reference', id: ephemeral.id }],
      }),
      itemNotFound(ephemeral.id),
    );
  });

  it('the Vercel AI SDK (store:true) continues a conversation through item references', async () => {
    const openai = createOpenAI({ baseURL: harness.baseURL, apiKey: 'sk-test' });
    const first = await generateText({ model: openai.responses('gpt-4.1'), prompt: 'Say hello' });
    const before = harness.upstream.requests.length;
    const second = await generateText({
      model: openai.responses('gpt-4.1'),
      messages: [
        { role: 'user', content: 'Say hello' },
        ...first.response.messages,
        { role: 'user', content: 'Once more?' },
      ],
    });
    expect(second.text).not.toBe('');
    // The SDK sent the earlier answer as a reference; the upstream got its text.
    expect(first.text).not.toBe('');
    expect(harness.upstream.requests.length).toBe(before + 1);
    expect(lastUpstreamBody()).toContain(JSON.stringify(first.text).slice(1, -1));
  });
});
