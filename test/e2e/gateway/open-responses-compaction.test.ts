import type { CompactedResponse } from 'openai/resources/responses/responses';
import { afterEach, describe, expect, it } from 'vitest';
import { expectOpenAIError } from '../../../test-support/gateway/expect-openai-error.js';
import { responseShapeProblems } from '../../../test-support/gateway/open-responses-shape.js';
import { useTestGateway } from '../../../test-support/gateway/start-test-gateway.js';
import { WebSocketClient } from '../../../test-support/gateway/websocket-turns.js';

// POST /v1/responses/compact (docs/open-responses.md#compaction): a conversation becomes a window that starts
// a new chain, over HTTP and over a WebSocket, whether the upstream compacts natively or the gateway asks
// the model for a summary.

const conversation = [
  {
    type: 'message' as const,
    role: 'user' as const,
    content: 'We launch on Tuesday and notify support first.',
  },
  { type: 'message' as const, role: 'assistant' as const, content: 'Understood: Tuesday, support first.' },
  { type: 'message' as const, role: 'user' as const, content: 'Compress this for later.' },
];

function checkWindow(compacted: CompactedResponse): Record<string, unknown> {
  expect(compacted.object).toBe('response.compaction');
  expect(compacted.id).toMatch(/^resp_/);
  expect(compacted.usage.total_tokens).toBeGreaterThan(0);
  const users = compacted.output.filter((item) => item.type === 'message');
  expect(users.map((item) => (item.type === 'message' ? item.role : ''))).toEqual(['user', 'user']);
  const compaction = compacted.output.at(-1) as unknown as Record<string, unknown>;
  expect(compaction).toMatchObject({ type: 'compaction', id: expect.stringMatching(/^cmp_/) });
  expect(compaction['encrypted_content']).toEqual(expect.any(String));
  return compaction;
}

describe.each([
  ['chat', 'a summarising turn', false],
  ['responses', 'native compaction', true],
] as const)('compaction over a %s upstream (%s)', (upstreamApi, _how, native) => {
  const harness = useTestGateway({ upstreamApi });
  const open: WebSocketClient[] = [];
  afterEach(async () => {
    await Promise.all(open.splice(0).map((client) => client.close()));
  });

  it('returns the spec object: the user messages, then one compaction item', async () => {
    harness.mark();
    const compacted = await harness.client.responses.compact({
      model: 'gpt-5.4',
      input: conversation,
      prompt_cache_key: 'launch-plan',
    });
    checkWindow(compacted);
    const upstream = harness.requestsSinceMark();
    expect(upstream).toHaveLength(1);
    if (native) {
      expect(upstream[0]?.path).toBe('/v1/responses/compact');
      expect(upstream[0]?.body).toMatchObject({ model: 'gpt-5.4', prompt_cache_key: 'launch-plan' });
    } else {
      expect(upstream[0]?.path).toBe('/v1/chat/completions');
      expect(JSON.stringify(upstream[0]?.body)).toContain('Summarise the conversation above');
    }
  });

  it('its output starts a new chain over HTTP, the compaction understood by the upstream', async () => {
    const compacted = await harness.client.responses.compact({ model: 'gpt-5.4', input: conversation });
    harness.mark();
    const next = await harness.client.responses.create({
      model: 'gpt-5.4',
      input: [
        ...(compacted.output as unknown as Array<{ type: 'message'; role: 'user'; content: string }>),
        { type: 'message', role: 'user', content: 'When do we launch?' },
      ],
    });
    expect(responseShapeProblems(next)).toEqual([]);
    expect(next.status).toBe('completed');
    const sent = JSON.stringify(harness.requestsSinceMark()[0]?.body);
    if (native) expect(sent).toContain('"type":"compaction"');
    else {
      expect(sent).not.toContain('compaction');
      expect(sent).toContain('Summary of the earlier conversation:');
    }
  });

  it('its output starts a new chain on a WebSocket', async () => {
    const compacted = await harness.client.responses.compact({ model: 'gpt-5.4', input: conversation });
    const client = await WebSocketClient.open(harness.baseURL);
    open.push(client);
    const turn = await client.run({
      model: 'gpt-5.4',
      store: false,
      input: [...compacted.output, { type: 'message', role: 'user', content: 'Continue: reply compacted.' }],
      tools: [],
    });
    expect(turn.final?.['status']).toBe('completed');
  });

  it('compacts a stored chain named by previous_response_id', async () => {
    const first = await harness.client.responses.create({
      model: 'gpt-5.4',
      input: 'Remember: the code is 4417.',
    });
    const compacted = await harness.client.responses.compact({
      model: 'gpt-5.4',
      previous_response_id: first.id,
      input: 'Compress.',
    });
    const window = compacted.output.filter((item) => item.type === 'message');
    expect(JSON.stringify(window)).toContain('Remember: the code is 4417.');
  });

  it('requires model (400, as over the create endpoint)', async () => {
    const response = await fetch(`${harness.baseURL}/responses/compact`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ input: conversation }),
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      error: {
        message: 'you must provide a model parameter',
        type: 'invalid_request_error',
        param: null,
        code: null,
      },
    });
  });
});

describe('compaction routes and items', () => {
  const chat = useTestGateway({ upstreamApi: 'chat' });

  it('compact is a route of its own: other methods 405, deeper paths 404, response ids unchanged', async () => {
    const get = await fetch(`${chat.baseURL}/responses/compact`);
    expect(get.status).toBe(405);
    expect(get.headers.get('allow')).toBe('POST');
    expect((await fetch(`${chat.baseURL}/responses/compact/more`, { method: 'POST' })).status).toBe(404);
    const post = await fetch(`${chat.baseURL}/responses/resp_abc`, { method: 'POST' });
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET, DELETE');
  });

  it("an upstream's sealed compaction item cannot go to a model that cannot read it", async () => {
    await expectOpenAIError(
      chat.client.responses.create({
        model: 'gpt-5.4',
        input: [
          { type: 'compaction', encrypted_content: 'gAAAAABsealed-by-someone-else' } as never,
          { type: 'message', role: 'user', content: 'Go on.' },
        ],
      }),
      {
        status: 400,
        message:
          'This compaction item was made by another server and cannot be read by the model this request goes to. ' +
          'Send the conversation itself, or compact it again through this gateway with the same model.',
        type: 'invalid_request_error',
        param: 'input[0].encrypted_content',
        code: 'invalid_value',
      },
    );
  });
});

describe("the gateway's own compaction item over an upstream that compacts natively", () => {
  const harness = useTestGateway({ upstreamApi: 'responses', capabilities: { nativeCompaction: false } });

  it('is expanded into its summary before it reaches the upstream', async () => {
    const compacted = await harness.client.responses.compact({ model: 'gpt-5.4', input: conversation });
    harness.mark();
    await harness.client.responses.create({
      model: 'gpt-5.4',
      input: [...(compacted.output as never[]), { type: 'message', role: 'user', content: 'When?' }],
    });
    const sent = harness.requestsSinceMark()[0]?.body as { input: Array<Record<string, unknown>> };
    expect(sent.input.some((item) => item['type'] === 'compaction')).toBe(false);
    expect(sent.input.find((item) => item['role'] === 'assistant')?.['content']).toMatch(
      /^Summary of the earlier conversation:\n/,
    );
  });
});
