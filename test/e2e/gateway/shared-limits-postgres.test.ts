import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminApi, awaitRoomInMinute } from '../../../test-support/gateway/admin-api.js';
import { startTestGateway, type TestGateway } from '../../../test-support/gateway/start-test-gateway.js';
import { type PostgresCluster, startPostgresCluster } from '../../../test-support/postgres-cluster.js';

// Two gateway instances on one PostgreSQL database (docs/configuration.md#projects-keys-and-limits):
// a key's limits and budget are counted in the database with atomic upserts, so they hold for the
// pair exactly as for one instance; a revocation on one reaches the other within a second.
const ADMIN_KEY = 'admin-pg-0123456789';
let cluster: PostgresCluster | undefined;
let first: TestGateway;
let second: TestGateway;

beforeAll(async () => {
  cluster = await startPostgresCluster();
  first = await startTestGateway({
    upstreamApi: 'chat',
    store: cluster.url,
    config: { adminKey: ADMIN_KEY },
  });
  second = await startTestGateway({
    upstreamApi: 'chat',
    store: cluster.url,
    config: { adminKey: ADMIN_KEY },
  });
}, 120_000);
afterAll(async () => {
  await first?.close();
  await second?.close();
  await cluster?.stop();
});

const client = (harness: TestGateway, key: string) =>
  new OpenAI({ baseURL: harness.baseURL, apiKey: key, maxRetries: 0 });

describe('limits shared by two gateways on one PostgreSQL', () => {
  it('rpm holds across both instances: of 10 concurrent requests exactly rpm get through', async () => {
    await awaitRoomInMinute();
    const { key } = await adminApi(first.gateway.url, ADMIN_KEY).createKey({ project: 'shared', rpm: 4 });
    const clients = [client(first, key), client(second, key)];
    const outcomes = await Promise.allSettled(
      Array.from({ length: 10 }, (_, index) =>
        clients[index % 2]!.chat.completions.create({
          model: 'gpt-5.4',
          messages: [{ role: 'user', content: `hello ${index}` }],
        }),
      ),
    );
    const refused = outcomes.filter((outcome) => outcome.status === 'rejected');
    expect(outcomes.length - refused.length).toBe(4);
    for (const outcome of refused) expect(outcome.reason).toBeInstanceOf(OpenAI.RateLimitError);
  });

  it('a budget spent through one instance is spent on the other', async () => {
    const { key } = await adminApi(second.gateway.url, ADMIN_KEY).createKey({
      project: 'shared',
      budget: '0.0001/month',
    });
    await client(first, key).chat.completions.create({
      model: 'gpt-5.4',
      messages: [{ role: 'user', content: 'a fairly long question about the weather in several cities' }],
    });
    const error = await client(second, key)
      .chat.completions.create({ model: 'gpt-5.4', messages: [{ role: 'user', content: 'hi' }] })
      .then(
        () => null,
        (rejection: unknown) => rejection,
      );
    expect(error).toBeInstanceOf(OpenAI.RateLimitError);
    expect((error as InstanceType<typeof OpenAI.RateLimitError>).code).toBe('insufficient_quota');
  });

  it('a key revoked on one instance stops working on the other within a second', async () => {
    const api = adminApi(first.gateway.url, ADMIN_KEY);
    const { key, id } = await api.createKey({ project: 'shared' });
    await client(second, key).models.list();
    expect((await api.request('DELETE', `/admin/keys/${id}`)).status).toBe(200);
    const revokedAt = Date.now();
    await expect(client(first, key).models.list()).rejects.toBeInstanceOf(OpenAI.AuthenticationError);
    let refusedAfter = Number.POSITIVE_INFINITY;
    while (Date.now() - revokedAt < 3_000) {
      const refused = await client(second, key)
        .models.list()
        .then(
          () => false,
          (error: unknown) => error instanceof OpenAI.AuthenticationError,
        );
      if (refused) {
        refusedAfter = Date.now() - revokedAt;
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(refusedAfter).toBeLessThan(1_000);
  });
});
