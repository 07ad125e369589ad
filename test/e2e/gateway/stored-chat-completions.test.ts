import type OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectOpenAIError } from '../../../test-support/gateway/expect-openai-error.js';
import { startTestGateway, type TestGateway } from '../../../test-support/gateway/start-test-gateway.js';
import {
  freshSchemaUrl,
  type PostgresCluster,
  startPostgresCluster,
} from '../../../test-support/postgres-cluster.js';

// Stored Chat Completions (docs/protocol/chat-completions.md#stored-completions) through the official SDK:
// create with store: true (JSON and streamed), list with filters and paging, retrieve, messages, update,
// delete, and the 404 for unknown ids — on both stores.

let cluster: PostgresCluster | undefined;
beforeAll(async () => {
  cluster = await startPostgresCluster();
}, 120_000);
afterAll(async () => {
  await cluster?.stop();
});

const postgresUrl = (): Promise<string> => freshSchemaUrl(cluster, 'stored_chat');

const notFound = (id: string) => ({
  status: 404,
  message: `No chat completion found with id '${id}'. Only completions created with "store": true can be read, updated or deleted.`,
  type: 'invalid_request_error',
  param: 'completion_id',
  code: null,
});

async function collect<T>(page: AsyncIterable<T>): Promise<T[]> {
  const all: T[] = [];
  for await (const item of page) all.push(item);
  return all;
}

describe.each(['sqlite', 'postgres'] as const)('stored chat completions in %s', (backend) => {
  let harness: TestGateway;
  beforeAll(async () => {
    harness = await startTestGateway({
      upstreamApi: 'chat',
      ...(backend === 'postgres' ? { store: await postgresUrl() } : {}),
    });
  }, 60_000);
  afterAll(async () => {
    await harness?.close();
  });

  it('keeps a store: true completion: retrieve returns it with its metadata; messages lists the request', async () => {
    const messages: OpenAI.ChatCompletionMessageParam[] = [
      { role: 'system', content: 'Be brief.' },
      { role: 'user', content: [{ type: 'text', text: 'Hello there' }] },
    ];
    const created = await harness.client.chat.completions.create({
      model: 'gpt-5.4',
      messages,
      store: true,
      metadata: { suite: 'retrieve', backend },
    });
    const upstreamBody = harness.upstream.requests.at(-1)?.body as Record<string, unknown>;
    expect(upstreamBody).not.toHaveProperty('store');
    expect(upstreamBody).not.toHaveProperty('metadata');
    const retrieved = await harness.client.chat.completions.retrieve(created.id);
    expect(retrieved).toEqual({ ...created, metadata: { suite: 'retrieve', backend } });
    const stored = await collect(harness.client.chat.completions.messages.list(created.id));
    expect(stored).toEqual([
      { id: `${created.id}-0`, role: 'system', content: 'Be brief.', content_parts: null },
      {
        id: `${created.id}-1`,
        role: 'user',
        content: 'Hello there',
        content_parts: [{ type: 'text', text: 'Hello there' }],
      },
    ]);
    const newestFirst = await harness.client.chat.completions.messages.list(created.id, {
      order: 'desc',
      limit: 1,
    });
    expect(newestFirst.data.map((message) => message.id)).toEqual([`${created.id}-1`]);
    expect(newestFirst.has_more).toBe(true);
  });

  it('stores a streamed completion before its last chunk, as the same completion', async () => {
    const stream = await harness.client.chat.completions.create({
      model: 'gpt-5.4',
      messages: [{ role: 'user', content: 'Stream me' }],
      stream: true,
      stream_options: { include_usage: true },
      store: true,
    });
    let id = '';
    let text = '';
    for await (const chunk of stream) {
      id = chunk.id;
      text += chunk.choices[0]?.delta.content ?? '';
    }
    const retrieved = await harness.client.chat.completions.retrieve(id);
    expect(retrieved.choices[0]?.message.content).toBe(text);
    expect(retrieved.choices[0]?.finish_reason).toBe('stop');
    expect(retrieved.usage?.prompt_tokens).toBeGreaterThan(0);
  });

  it('does not keep a completion without store: true', async () => {
    const created = await harness.client.chat.completions.create({
      model: 'gpt-5.4',
      messages: [{ role: 'user', content: 'Forget me' }],
    });
    await expectOpenAIError(harness.client.chat.completions.retrieve(created.id), notFound(created.id));
  });

  it('lists by model and metadata, pages with after/limit, in either order', async () => {
    const tag = `list-${backend}`;
    const ids: string[] = [];
    for (const model of ['gpt-5.4', 'gpt-5.4-mini', 'gpt-5.4']) {
      const created = await harness.client.chat.completions.create({
        model,
        messages: [{ role: 'user', content: `hi from ${model}` }],
        store: true,
        metadata: { tag },
      });
      ids.push(created.id);
    }
    const tagged = await collect(harness.client.chat.completions.list({ metadata: { tag }, limit: 1 }));
    expect(tagged.map((completion) => completion.id)).toEqual(ids);
    const mini = await collect(
      harness.client.chat.completions.list({ metadata: { tag }, model: 'gpt-5.4-mini' }),
    );
    expect(mini.map((completion) => completion.id)).toEqual([ids[1]]);
    const page = await harness.client.chat.completions.list({ metadata: { tag }, order: 'desc', limit: 2 });
    expect(page.data.map((completion) => completion.id)).toEqual([ids[2], ids[1]]);
    expect(page.has_more).toBe(true);
    expect(
      await harness.client.chat.completions.list({ metadata: { tag: 'nothing-has-this' } }),
    ).toMatchObject({
      data: [],
      has_more: false,
    });
    await expectOpenAIError(harness.client.chat.completions.list({ after: 'chatcmpl-unknown' }), {
      status: 400,
      message: "Invalid 'after': no stored chat completion 'chatcmpl-unknown'.",
      type: 'invalid_request_error',
      param: 'after',
      code: 'invalid_value',
    });
  });

  it('updates metadata, deletes, and answers 404 for unknown or deleted ids', async () => {
    const created = await harness.client.chat.completions.create({
      model: 'gpt-5.4',
      messages: [{ role: 'user', content: 'Update me' }],
      store: true,
      metadata: { stage: 'draft' },
    });
    const updated = await harness.client.chat.completions.update(created.id, {
      metadata: { stage: 'final' },
    });
    expect(updated).toMatchObject({ id: created.id, metadata: { stage: 'final' } });
    const found = await collect(harness.client.chat.completions.list({ metadata: { stage: 'final' } }));
    expect(found.map((completion) => completion.id)).toContain(created.id);
    expect(await harness.client.chat.completions.delete(created.id)).toEqual({
      object: 'chat.completion.deleted',
      id: created.id,
      deleted: true,
    });
    await expectOpenAIError(harness.client.chat.completions.retrieve(created.id), notFound(created.id));
    await expectOpenAIError(harness.client.chat.completions.delete(created.id), notFound(created.id));
    await expectOpenAIError(
      harness.client.chat.completions.update('chatcmpl-nope', { metadata: {} }),
      notFound('chatcmpl-nope'),
    );
    await expectOpenAIError(
      harness.client.chat.completions.messages.list('chatcmpl-nope'),
      notFound('chatcmpl-nope'),
    );
  });
});
