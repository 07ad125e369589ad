import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { type PostgresCluster, startPostgresCluster } from '../../../../test-support/postgres-cluster.js';
import { openResponseStore } from './open-response-store.js';
import { DEFAULT_PROJECT_ID, type ResponseStore } from './response-store.js';
import { makeRecord } from './response-store-fixtures.case.js';
import { type RetentionSweep, RetentionSweeper, type RetentionSweeperOptions } from './retention-sweeper.js';
import { chatRecord } from './traffic-store.case.js';

// Retention (docs/configuration.md#retention) on both real stores: expired responses go, in batches
// with pauses, while the store keeps serving; stop() ends the schedule.
const DAY = 86_400;
const NOW_MS = 1_800_000_000_000;
const NOW = NOW_MS / 1000;

/** The store, with every deleteOlderThan batch's count recorded. */
function recordBatches(store: ResponseStore): { store: ResponseStore; batches: number[] } {
  const batches: number[] = [];
  const spied: ResponseStore = {
    save: (project, record) => store.save(project, record),
    get: (project, id) => store.get(project, id),
    findItems: (project, ids) => store.findItems(project, ids),
    delete: (project, id) => store.delete(project, id),
    loadChain: (project, id, options) => store.loadChain(project, id, options),
    loadChainItems: (project, id, options) => store.loadChainItems(project, id, options),
    listInputItems: (project, id, options) => store.listInputItems(project, id, options),
    chatCompletions: store.chatCompletions,
    traffic: store.traffic,
    async deleteOlderThan(createdBefore, options) {
      const deleted = await store.deleteOlderThan(createdBefore, options);
      batches.push(deleted);
      return deleted;
    },
    close: () => store.close(),
  };
  return { store: spied, batches };
}

async function saveAged(
  store: ResponseStore,
  prefix: string,
  count: number,
  ageDays: number,
): Promise<string[]> {
  const ids = Array.from({ length: count }, (_, index) => `resp_${prefix}_${index}`);
  for (let start = 0; start < ids.length; start += 100) {
    await Promise.all(
      ids
        .slice(start, start + 100)
        .map((id) => store.save(DEFAULT_PROJECT_ID, makeRecord(id, { createdAt: NOW - ageDays * DAY }))),
    );
  }
  return ids;
}

async function until(condition: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

describe.each(['sqlite', 'postgres'] as const)('RetentionSweeper on %s', (backend) => {
  let cluster: PostgresCluster | undefined;
  let directory = '';
  let counter = 0;
  const opened: ResponseStore[] = [];
  const sweepers: RetentionSweeper[] = [];

  beforeAll(async () => {
    directory = await mkdtemp(join(tmpdir(), 'toolbridge-retention-'));
    if (backend === 'postgres') cluster = await startPostgresCluster();
  }, 120_000);
  afterEach(async () => {
    await Promise.all(sweepers.splice(0).map((sweeper) => sweeper.stop()));
    await Promise.all(opened.splice(0).map((store) => store.close()));
  });
  afterAll(async () => {
    await cluster?.stop();
    await rm(directory, { recursive: true, force: true });
  });

  /** A fresh, empty store: a new SQLite file, or a new schema in the run's PostgreSQL. */
  async function freshStore(): Promise<ResponseStore> {
    counter += 1;
    let location = join(directory, `store-${counter}.db`);
    if (cluster !== undefined) {
      const schema = `retention_${process.pid}_${counter}`;
      const client = new Client({ connectionString: cluster.url });
      await client.connect();
      await client.query(`CREATE SCHEMA ${schema}`);
      await client.end();
      const url = new URL(cluster.url);
      url.searchParams.set('options', `-c search_path=${schema}`);
      location = url.toString();
    }
    const store = await openResponseStore(location);
    opened.push(store);
    return store;
  }

  function start(options: Omit<RetentionSweeperOptions, 'retentionDays'>): RetentionSweeper {
    const sweeper = RetentionSweeper.start({ retentionDays: 30, now: () => NOW_MS, ...options });
    sweepers.push(sweeper);
    return sweeper;
  }

  test('sweeps at start: responses older than the period go, younger ones stay, in batches', async () => {
    const real = await freshStore();
    const { store, batches } = recordBatches(real);
    const old = await saveAged(real, 'old', 25, 31);
    const young = await saveAged(real, 'young', 3, 29);
    const sweeps: RetentionSweep[] = [];
    start({ store, batchRows: 4, pauseMs: 1, onSweep: (sweep) => sweeps.push(sweep) });
    await until(() => sweeps.length === 1, 'the first sweep');
    expect(sweeps[0]).toMatchObject({ deleted: 25, createdBefore: NOW - 30 * DAY });
    expect(batches).toEqual([4, 4, 4, 4, 4, 4, 1]);
    for (const id of old) expect(await real.get(DEFAULT_PROJECT_ID, id)).toBeNull();
    for (const id of young) expect(await real.get(DEFAULT_PROJECT_ID, id)).not.toBeNull();
  });

  test('sweeps stored chat completions too, oldest first, in the same batches', async () => {
    const real = await freshStore();
    for (let index = 0; index < 9; index++)
      await real.chatCompletions.save(chatRecord(`chatcmpl-old${index}`, NOW - 31 * DAY + index));
    await real.chatCompletions.save(chatRecord('chatcmpl-young', NOW - 29 * DAY));
    const sweeps: RetentionSweep[] = [];
    start({ store: real, batchRows: 4, pauseMs: 1, onSweep: (sweep) => sweeps.push(sweep) });
    await until(() => sweeps.length === 1, 'the first sweep');
    expect(sweeps[0]).toMatchObject({ deleted: 9 });
    expect(await real.chatCompletions.get('chatcmpl-old8')).toBeNull();
    expect((await real.chatCompletions.get('chatcmpl-young'))?.id).toBe('chatcmpl-young');
  });

  test('the store serves saves and reads between batches of a large sweep', async () => {
    const real = await freshStore();
    const { store, batches } = recordBatches(real);
    await saveAged(real, 'backlog', 600, 40);
    let finished = false;
    start({
      store,
      batchRows: 30,
      pauseMs: 25,
      onSweep: () => {
        finished = true;
      },
    });
    await until(() => batches.length >= 2, 'two batches');
    const began = Date.now();
    await real.save(DEFAULT_PROJECT_ID, makeRecord('resp_during', { createdAt: NOW }));
    expect((await real.get(DEFAULT_PROJECT_ID, 'resp_during'))?.id).toBe('resp_during');
    // Served while the sweep was still going, and promptly (generous bound: not blocked for seconds).
    expect(finished).toBe(false);
    expect(Date.now() - began).toBeLessThan(2_000);
    await until(() => finished, 'the sweep to finish');
    expect(batches.reduce((sum, count) => sum + count, 0)).toBe(600);
  });

  test('runs again on its interval', async () => {
    const real = await freshStore();
    const { store, batches } = recordBatches(real);
    const sweeps: RetentionSweep[] = [];
    start({ store, intervalMs: 20, onSweep: (sweep) => sweeps.push(sweep) });
    await until(() => batches.length >= 1, 'the start-up sweep');
    expect(sweeps).toHaveLength(0);
    await saveAged(real, 'later', 2, 365);
    // The two saves may straddle a sweep: count what the scheduled sweeps deleted together.
    await until(() => sweeps.reduce((sum, sweep) => sum + sweep.deleted, 0) === 2, 'scheduled sweeps');
    expect(await real.get(DEFAULT_PROJECT_ID, 'resp_later_0')).toBeNull();
    expect(await real.get(DEFAULT_PROJECT_ID, 'resp_later_1')).toBeNull();
  });

  test('stop() ends a running sweep after its current batch, and no sweep runs after it', async () => {
    const real = await freshStore();
    const { store, batches } = recordBatches(real);
    await saveAged(real, 'stopped', 300, 40);
    const sweeper = start({ store, batchRows: 10, pauseMs: 30, intervalMs: 10 });
    await until(() => batches.length >= 1, 'the first batch');
    const began = Date.now();
    await sweeper.stop();
    expect(Date.now() - began).toBeLessThan(2_000);
    const seen = batches.length;
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(batches.length).toBe(seen);
    expect(await real.get(DEFAULT_PROJECT_ID, 'resp_stopped_299')).not.toBeNull();
  });

  test('a failed sweep is reported and the next one runs on schedule', async () => {
    const real = await freshStore();
    await saveAged(real, 'retry', 2, 40);
    let calls = 0;
    const flaky: ResponseStore = {
      ...recordBatches(real).store,
      deleteOlderThan(createdBefore, options) {
        calls += 1;
        if (calls === 1) return Promise.reject(new Error('database is locked'));
        return real.deleteOlderThan(createdBefore, options);
      },
    };
    const errors: unknown[] = [];
    const sweeps: RetentionSweep[] = [];
    start({
      store: flaky,
      intervalMs: 20,
      onError: (error) => errors.push(error),
      onSweep: (sweep) => sweeps.push(sweep),
    });
    await until(() => sweeps.length === 1, 'a sweep after the failure');
    expect(errors).toHaveLength(1);
    expect(sweeps[0]?.deleted).toBe(2);
  });
});

test('retentionDays must be positive (0 means: do not start a sweeper)', () => {
  expect(() => RetentionSweeper.start({ store: {} as ResponseStore, retentionDays: 0 })).toThrow(RangeError);
});
