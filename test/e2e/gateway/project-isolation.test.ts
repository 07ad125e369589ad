import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectOpenAIError } from '../../../test-support/gateway/expect-openai-error.js';
import { startTestGateway, type TestGateway } from '../../../test-support/gateway/start-test-gateway.js';
import { responsesWeatherTool } from '../../../test-support/gateway/weather-tools.js';
import {
  freshSchemaUrl,
  type PostgresCluster,
  startPostgresCluster,
} from '../../../test-support/postgres-cluster.js';

// Projects (docs/configuration.md#projects-keys-and-limits): a key sees only what its own project
// stored. To a key of another project a stored id answers exactly as an id that never existed does
// (E16, E17, E18 in docs/protocol/errors.md), on GET, DELETE, input_items, previous_response_id and
// item_reference, whatever the store.
const tools = [responsesWeatherTool()];
const KEYS = { a: 'sk-team-a-0123456789', b: 'sk-team-b-0123456789', c1: 'sk-shared-1', c2: 'sk-shared-2' };

let cluster: PostgresCluster | undefined;
beforeAll(async () => {
  cluster = await startPostgresCluster();
}, 120_000);
afterAll(async () => {
  await cluster?.stop();
});

const postgresUrl = (): Promise<string> => freshSchemaUrl(cluster, 'isolation');

const notFound = (id: string) => ({
  status: 404,
  message: `Response with id '${id}' not found.`,
  type: 'invalid_request_error',
  param: null,
  code: null,
});

describe.each(['sqlite', 'postgres'] as const)('projects keep stored responses apart (%s store)', (kind) => {
  let harness: TestGateway;
  const client = (key: string) =>
    new OpenAI({ baseURL: harness.baseURL, apiKey: key, maxRetries: 0, timeout: 20_000 });
  beforeAll(async () => {
    harness = await startTestGateway({
      upstreamApi: 'responses',
      store: kind === 'sqlite' ? ':memory:' : await postgresUrl(),
      config: { apiKeys: [KEYS.a, KEYS.b], projects: [{ name: 'shared', keys: [KEYS.c1, KEYS.c2] }] },
    });
  });
  afterAll(async () => {
    await harness.close();
  });

  it('key B gets 404/400 for everything key A stored, and A keeps it', async () => {
    const a = client(KEYS.a);
    const b = client(KEYS.b);
    const stored = await a.responses.create({ model: 'gpt-5.4', input: 'Weather in Paris?', tools });
    const call = stored.output.find((item) => item.type === 'function_call');
    if (call?.type !== 'function_call' || call.id === undefined) throw new Error('expected a function call');

    const retrieve = await expectOpenAIError(b.responses.retrieve(stored.id), notFound(stored.id));
    expect(retrieve).toBeInstanceOf(OpenAI.NotFoundError);
    await expectOpenAIError(b.responses.inputItems.list(stored.id), notFound(stored.id));
    await expectOpenAIError(
      b.responses.create({ model: 'gpt-5.4', input: 'And tomorrow?', previous_response_id: stored.id }),
      {
        status: 400,
        message: `Previous response with id '${stored.id}' not found.`,
        type: 'invalid_request_error',
        param: 'previous_response_id',
        code: 'previous_response_not_found',
      },
    );
    await expectOpenAIError(
      b.responses.create({ model: 'gpt-5.4', tools, input: [{ type: 'item_reference', id: call.id }] }),
      {
        status: 404,
        message: `Item with id '${call.id}' not found. Items are not persisted when \`store\` is set to false. Try again with \`store\` set to true, or remove this item from your input.`,
        type: 'invalid_request_error',
        param: 'input',
        code: null,
      },
    );
    await expectOpenAIError(b.responses.delete(stored.id), notFound(stored.id));

    expect((await a.responses.retrieve(stored.id)).id).toBe(stored.id);
    const items = await a.responses.inputItems.list(stored.id);
    expect(items.data.length).toBeGreaterThan(0);
    const next = await a.responses.create({
      model: 'gpt-5.4',
      tools,
      previous_response_id: stored.id,
      input: [{ type: 'function_call_output', call_id: call.call_id, output: '18C sunny' }],
    });
    expect(next.status).toBe('completed');
    await a.responses.delete(stored.id);
  });

  it('keys grouped into one project share its responses; other projects do not see them', async () => {
    const first = client(KEYS.c1);
    const stored = await first.responses.create({ model: 'gpt-5.4', input: 'Weather in Rome?', tools });
    expect((await client(KEYS.c2).responses.retrieve(stored.id)).id).toBe(stored.id);
    await expectOpenAIError(client(KEYS.a).responses.retrieve(stored.id), notFound(stored.id));
  });

  it('a wrong key is a 401 invalid_api_key', async () => {
    await expectOpenAIError(client('sk-wrong').responses.retrieve('resp_x'), {
      status: 401,
      message: 'Incorrect API key provided.',
      type: 'invalid_request_error',
      param: null,
      code: 'invalid_api_key',
    });
  });
});
