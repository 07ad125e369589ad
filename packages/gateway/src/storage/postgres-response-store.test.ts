import { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type PostgresCluster, startPostgresCluster } from '../../../../test-support/postgres-cluster.js';
import { openResponseStore } from './open-response-store.js';
import { PostgresResponseStore } from './postgres-response-store.js';
import { describeResponseStoreConformance } from './response-store.case.js';
import { DEFAULT_PROJECT_ID } from './response-store.js';
import { expectStoreError, makeRecord, PROJECT, saveChain } from './response-store-fixtures.case.js';
import { describeTrafficStoreConformance } from './traffic-store.case.js';

// One real cluster (or database) for this file; every store gets its own empty schema in it.
let cluster: PostgresCluster | undefined;
let schemaCounter = 0;

beforeAll(async () => {
  cluster = await startPostgresCluster();
}, 120_000);

afterAll(async () => {
  await cluster?.stop();
});

async function sql(text: string, values: unknown[] = [], url = clusterUrl()): Promise<unknown[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(text, values)).rows;
  } finally {
    await client.end();
  }
}

function clusterUrl(): string {
  if (cluster === undefined) throw new Error('PostgreSQL cluster did not start (see beforeAll)');
  return cluster.url;
}

/** A URL whose search_path points at a new, empty schema: a fresh store without a new database. */
async function freshSchemaUrl(): Promise<string> {
  schemaCounter += 1;
  const schema = `store_${process.pid}_${schemaCounter}`;
  await sql(`CREATE SCHEMA ${schema}`);
  const url = new URL(clusterUrl());
  url.searchParams.set('options', `-c search_path=${schema}`);
  return url.toString();
}

describeResponseStoreConformance('PostgreSQL', async () => openResponseStore(await freshSchemaUrl()));
describeTrafficStoreConformance('PostgreSQL', async () => openResponseStore(await freshSchemaUrl()));

describe('PostgresResponseStore', () => {
  test('instances opening together migrate once and share every record', async () => {
    const url = await freshSchemaUrl();
    const [a, b, c, d] = await Promise.all(Array.from({ length: 4 }, () => PostgresResponseStore.open(url)));
    try {
      await a!.save(PROJECT, makeRecord('resp_lb_1'));
      await b!.save(PROJECT, makeRecord('resp_lb_2', { previousResponseId: 'resp_lb_1' }));
      expect(await b!.get(PROJECT, 'resp_lb_1')).toEqual(makeRecord('resp_lb_1'));
      expect((await c!.loadChain(PROJECT, 'resp_lb_2'))?.map((record) => record.id)).toEqual([
        'resp_lb_1',
        'resp_lb_2',
      ]);
      expect((await c!.listInputItems(PROJECT, 'resp_lb_2', { limit: 1 }))?.hasMore).toBe(true);
      await expectStoreError(c!.save(PROJECT, makeRecord('resp_lb_1')), 'conflict');
      expect(await d!.delete(PROJECT, 'resp_lb_1')).toBe(true);
      expect(await a!.get(PROJECT, 'resp_lb_1')).toBeNull();
      await expectStoreError(a!.loadChain(PROJECT, 'resp_lb_2'), 'broken_chain');
      const versions = await sql(
        'SELECT version FROM toolbridge_schema_migrations ORDER BY version',
        [],
        url,
      );
      expect(versions).toEqual([
        { version: 1 },
        { version: 2 },
        { version: 3 },
        { version: 4 },
        { version: 5 },
        { version: 6 },
        { version: 7 },
      ]);
      const indexes = await sql(
        "SELECT indexname FROM pg_indexes WHERE schemaname = current_schema() AND tablename = 'toolbridge_responses' ORDER BY indexname",
        [],
        url,
      );
      expect(indexes).toEqual([
        { indexname: 'toolbridge_responses_created_at_id' },
        { indexname: 'toolbridge_responses_pkey' },
      ]);
      // The tables went to the URL's search_path schema, not to public.
      const placement = await sql(
        `SELECT current_schema() AS schema, to_regclass('public.toolbridge_responses') AS in_public`,
        [],
        url,
      );
      expect(placement).toEqual([{ schema: url.split('search_path%3D')[1], in_public: null }]);
    } finally {
      await Promise.all([a, b, c, d].map((store) => store?.close()));
    }
  });

  test('chain items come from the output column; rows saved before it are read from the Response', async () => {
    const url = await freshSchemaUrl();
    const store = await PostgresResponseStore.open(url);
    try {
      const [a, b] = await saveChain(store, 'pre_output', 2);
      const expected = await store.loadChainItems(PROJECT, b!);
      const written = await sql(
        'SELECT output::text AS output FROM toolbridge_responses WHERE id = $1',
        [a],
        url,
      );
      expect(written).toEqual([{ output: JSON.stringify(makeRecord(a!).response.output) }]);
      await sql('UPDATE toolbridge_responses SET output = NULL', [], url);
      expect(await store.loadChainItems(PROJECT, b!)).toEqual(expected);
      await sql(`UPDATE toolbridge_responses SET response = '{"id": "x"}' WHERE id = $1`, [a], url);
      const damaged = await expectStoreError(store.loadChainItems(PROJECT, b!), 'corrupt_record');
      expect(damaged.responseId).toBe(a);
    } finally {
      await store.close();
    }
  });

  test('stores JSON as json (exact text), not jsonb (which reorders keys and rejects \\u0000)', async () => {
    const url = await freshSchemaUrl();
    const store = await PostgresResponseStore.open(url);
    try {
      const record = makeRecord('resp_exact');
      await store.save(PROJECT, record);
      const rows = await sql(
        `SELECT pg_typeof(response)::text AS type, response::text AS text FROM toolbridge_responses WHERE id = $1`,
        ['resp_exact'],
        url,
      );
      expect(rows).toEqual([{ type: 'json', text: JSON.stringify(record.response) }]);
    } finally {
      await store.close();
    }
  });

  test('migrating a version 1 schema backfills the item index, even around \\u0000 and lone surrogates', async () => {
    const url = await freshSchemaUrl();
    await sql(
      `CREATE TABLE toolbridge_schema_migrations (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now());
       INSERT INTO toolbridge_schema_migrations (version) VALUES (1);
       CREATE TABLE toolbridge_responses (id text PRIMARY KEY, created_at bigint NOT NULL,
         previous_response_id text, input_items json NOT NULL, response json NOT NULL);
       CREATE INDEX toolbridge_responses_created_at ON toolbridge_responses (created_at);`,
      [],
      url,
    );
    const old = makeRecord('resp_v1_old', { createdAt: 10 });
    const odd = makeRecord('resp_v1_odd', {
      inputItems: [
        { type: 'message', id: 'msg_v1_nul', role: 'user', content: 'nul\u0000 lone\ud83d' },
        { type: 'message', id: 'msg_"quoted"', role: 'user', content: 'skipped: escaped id' },
      ],
    });
    odd.response.metadata = { 'key\u0000': 'value \udc00' };
    odd.response.output.push({
      type: 'message',
      id: 'msg_v1_out',
      role: 'assistant',
      status: 'completed',
      content: [{ type: 'output_text', text: 'plain', annotations: [] }],
    });
    for (const record of [old, odd]) {
      await sql(
        'INSERT INTO toolbridge_responses VALUES ($1, $2, NULL, $3::json, $4::json)',
        [record.id, record.createdAt, JSON.stringify(record.inputItems), JSON.stringify(record.response)],
        url,
      );
    }
    await sql(
      `INSERT INTO toolbridge_responses VALUES ('resp_v1_broken', 1, NULL, '{}', '{"output":7}')`,
      [],
      url,
    );

    const store = await PostgresResponseStore.open(url);
    try {
      const ids = ['fc_resp_v1_old', 'fco_resp_v1_old_in', 'msg_v1_nul', 'msg_v1_out', 'fc_resp_v1_odd'];
      // Rows stored before projects existed belong to the default project.
      expect((await store.findItems(PROJECT, ids)).size).toBe(0);
      const found = await store.findItems(DEFAULT_PROJECT_ID, [...ids, 'msg_"quoted"']);
      expect([...found.keys()].sort()).toEqual([...ids].sort());
      expect(found.get('fc_resp_v1_old')).toEqual(old.response.output[0]);
      expect(found.get('msg_v1_nul')).toEqual(odd.inputItems[0]);
      expect(found.get('msg_v1_out')).toEqual(odd.response.output[1]);
      expect(await store.deleteOlderThan(11)).toBe(2);
      expect((await store.findItems(DEFAULT_PROJECT_ID, ids)).has('fc_resp_v1_old')).toBe(false);
    } finally {
      await store.close();
    }
  });

  test('index rows orphaned by a DELETE outside the gateway are never returned', async () => {
    const url = await freshSchemaUrl();
    const store = await PostgresResponseStore.open(url);
    try {
      await store.save(PROJECT, makeRecord('resp_by_hand'));
      await sql(`DELETE FROM toolbridge_responses WHERE id = 'resp_by_hand'`, [], url);
      expect(await store.findItems(PROJECT, ['fc_resp_by_hand', 'msg_resp_by_hand_in'])).toEqual(new Map());
    } finally {
      await store.close();
    }
  });

  test('a schema from a newer gateway fails with migration_failed', async () => {
    const url = await freshSchemaUrl();
    await (await PostgresResponseStore.open(url)).close();
    await sql('INSERT INTO toolbridge_schema_migrations (version) VALUES (99)', [], url);
    const error = await expectStoreError(PostgresResponseStore.open(url), 'migration_failed');
    expect(error.message).toContain('newer than this gateway knows');
  });

  test('an unknown database fails with invalid_location naming the fix', async () => {
    const url = new URL(clusterUrl());
    url.pathname = '/no_such_database';
    const error = await expectStoreError(openResponseStore(url.toString()), 'invalid_location');
    expect(error.message).toContain('database name in the postgres:// URL');
  });
});
