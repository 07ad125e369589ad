import { Client } from 'pg';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { type PostgresCluster, startPostgresCluster } from '../../../../test-support/postgres-cluster.js';
import { describeAccessStoreConformance, makeKey } from './access-store.case.js';
import { PostgresAccessStore } from './postgres-access-store.js';

let cluster: PostgresCluster | undefined;
let schemaCounter = 0;
beforeAll(async () => {
  cluster = await startPostgresCluster();
}, 120_000);
afterAll(async () => {
  await cluster?.stop();
});

/** A URL whose search_path is a new, empty schema. */
async function freshSchemaUrl(): Promise<string> {
  if (cluster === undefined) throw new Error('PostgreSQL did not start (see beforeAll)');
  schemaCounter += 1;
  const schema = `access_${process.pid}_${schemaCounter}`;
  const client = new Client({ connectionString: cluster.url });
  await client.connect();
  try {
    await client.query(`CREATE SCHEMA ${schema}`);
  } finally {
    await client.end();
  }
  const url = new URL(cluster.url);
  url.searchParams.set('options', `-c search_path=${schema}`);
  return url.toString();
}

// Several stores on one database: gateway instances behind a load balancer. No key cache, so the
// suite sees every write at once; the cache has its own test below.
describeAccessStoreConformance('PostgreSQL', async (count) => {
  const url = await freshSchemaUrl();
  const first = await PostgresAccessStore.open(url, { keyCacheMs: 0 });
  const rest = await Promise.all(
    Array.from({ length: count - 1 }, () => PostgresAccessStore.open(url, { keyCacheMs: 0 })),
  );
  return [first, ...rest];
});

test('a key found by hash is cached for keyCacheMs: another instance’s revocation shows after it', async () => {
  const url = await freshSchemaUrl();
  const [admin, gateway] = [
    await PostgresAccessStore.open(url),
    await PostgresAccessStore.open(url, { keyCacheMs: 300 }),
  ];
  try {
    const key = makeKey('key_cached');
    await admin.createKey(key);
    expect((await gateway.findKeyByHash(key.keyHash))?.revokedAt).toBeNull();
    await admin.revokeKey('key_cached', 1_760_000_100);
    expect((await gateway.findKeyByHash(key.keyHash))?.revokedAt).toBeNull();
    await new Promise((resolve) => setTimeout(resolve, 350));
    expect((await gateway.findKeyByHash(key.keyHash))?.revokedAt).toBe(1_760_000_100);
  } finally {
    await Promise.all([admin.close(), gateway.close()]);
  }
});
