import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_PROJECT_ID, openResponseStore } from '@toolbridge/gateway';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from '../../../test-support/gateway/start-test-gateway.js';
import { type PostgresCluster, startPostgresCluster } from '../../../test-support/postgres-cluster.js';

// `retentionDays` (docs/configuration.md#retention): a gateway deletes stored responses older than the
// period at start (and hourly), on both stores; younger ones and new ones stay retrievable.
const DAY = 86_400;

/** Moves a stored response `ageDays` into the past, through the store API. */
async function age(location: string, id: string, ageDays: number): Promise<void> {
  const store = await openResponseStore(location);
  const record = await store.get(DEFAULT_PROJECT_ID, id);
  if (record === null) throw new Error(`${id} was not stored`);
  const createdAt = record.createdAt - ageDays * DAY;
  await store.delete(DEFAULT_PROJECT_ID, id);
  await store.save(DEFAULT_PROJECT_ID, {
    ...record,
    createdAt,
    response: { ...record.response, created_at: createdAt },
  });
  await store.close();
}

async function statusOf(harness: TestGateway, id: string): Promise<number> {
  return (await fetch(`${harness.baseURL}/responses/${id}`)).status;
}

describe.each(['sqlite', 'postgres'] as const)('retention on %s', (backend) => {
  let cluster: PostgresCluster | undefined;
  let directory = '';
  let harness: TestGateway | undefined;

  beforeAll(async () => {
    directory = await mkdtemp(join(tmpdir(), 'toolbridge-retention-e2e-'));
    if (backend === 'postgres') cluster = await startPostgresCluster();
  }, 120_000);
  afterAll(async () => {
    await harness?.close();
    await cluster?.stop();
    await rm(directory, { recursive: true, force: true });
  });

  it('deletes responses older than retentionDays at start and keeps the rest', async () => {
    const location = cluster?.url ?? join(directory, 'toolbridge.db');
    const before = await startTestGateway({
      upstreamApi: 'chat',
      store: location,
      config: { retentionDays: 0 },
    });
    const expired = await before.client.responses.create({ model: 'gpt-5.4', input: 'Old' });
    const recent = await before.client.responses.create({ model: 'gpt-5.4', input: 'Recent' });
    await before.close();
    await age(location, expired.id, 8);
    await age(location, recent.id, 6);
    harness = await startTestGateway({ upstreamApi: 'chat', store: location, config: { retentionDays: 7 } });
    const deadline = Date.now() + 10_000;
    while ((await statusOf(harness, expired.id)) !== 404) {
      if (Date.now() > deadline) throw new Error('the expired response was not deleted');
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    expect(await statusOf(harness, recent.id)).toBe(200);
    const created = await harness.client.responses.create({ model: 'gpt-5.4', input: 'Hi' });
    expect(await statusOf(harness, created.id)).toBe(200);
  });
});
