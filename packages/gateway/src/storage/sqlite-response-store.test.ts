import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, test } from 'vitest';
import { describeResponseStoreConformance } from './response-store.case.js';
import { DEFAULT_PROJECT_ID } from './response-store.js';
import { expectStoreError, makeRecord, PROJECT, saveChain } from './response-store-fixtures.case.js';
import { SqliteResponseStore } from './sqlite-response-store.js';
import { describeTrafficStoreConformance } from './traffic-store.case.js';

const tempRoot = mkdtempSync(join(tmpdir(), 'toolbridge-sqlite-'));
let fileCounter = 0;
/** A path in a not-yet-existing directory, so every store also proves it creates parent dirs. */
function freshPath(): string {
  fileCounter += 1;
  return join(tempRoot, `dir-${fileCounter}`, 'nested', 'responses.db');
}

afterAll(() => {
  rmSync(tempRoot, { recursive: true, force: true });
});

describeResponseStoreConformance('SQLite file', async () => SqliteResponseStore.open(freshPath()));
describeResponseStoreConformance('SQLite :memory:', async () => SqliteResponseStore.open(':memory:'));
describeTrafficStoreConformance('SQLite file', async () => SqliteResponseStore.open(freshPath()));

describe('SqliteResponseStore', () => {
  test('opens in WAL mode with synchronous NORMAL and schema version 7 (projects, keys, trace columns, stored chat completions, chain output, one created_at index)', async () => {
    const path = freshPath();
    const store = SqliteResponseStore.open(path);
    await store.close();
    const raw = new Database(path, { readonly: true });
    try {
      expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(raw.pragma('user_version', { simple: true })).toBe(7);
      const indexes = raw
        .prepare(
          "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'responses' AND sql IS NOT NULL",
        )
        .all()
        .map((row) => (row as { name: string }).name);
      expect(indexes).toEqual(['responses_created_at_id']);
      // Retention's batch delete still finds old rows through an index, not a table scan.
      const plan = raw
        .prepare('EXPLAIN QUERY PLAN SELECT rowid FROM responses WHERE created_at < ? LIMIT 10')
        .all(1)
        .map((row) => (row as { detail: string }).detail);
      expect(plan.join('\n')).toContain('USING COVERING INDEX responses_created_at_id (created_at<?)');
    } finally {
      raw.close();
    }
  });

  test('two stores on one file (two gateway processes on one host) see each other', async () => {
    const path = freshPath();
    const [first, second] = [SqliteResponseStore.open(path), SqliteResponseStore.open(path)];
    try {
      await first.save(PROJECT, makeRecord('resp_shared'));
      expect((await second.get(PROJECT, 'resp_shared'))?.id).toBe('resp_shared');
      await second.save(PROJECT, makeRecord('resp_child', { previousResponseId: 'resp_shared' }));
      expect((await first.loadChain(PROJECT, 'resp_child'))?.map((record) => record.id)).toEqual([
        'resp_shared',
        'resp_child',
      ]);
      expect(await second.delete(PROJECT, 'resp_shared')).toBe(true);
      expect(await first.get(PROJECT, 'resp_shared')).toBeNull();
    } finally {
      await Promise.all([first.close(), second.close()]);
    }
  });

  test('reopening keeps the data and does not re-run migrations', async () => {
    const path = freshPath();
    const store = SqliteResponseStore.open(path);
    await store.save(PROJECT, makeRecord('resp_persist'));
    await store.close();
    const reopened = SqliteResponseStore.open(path);
    try {
      expect(await reopened.get(PROJECT, 'resp_persist')).toEqual(makeRecord('resp_persist'));
    } finally {
      await reopened.close();
    }
  });

  test('chain items come from the output column; rows saved before it are read from the Response', async () => {
    const path = freshPath();
    const store = SqliteResponseStore.open(path);
    const raw = new Database(path);
    try {
      const [a, b] = await saveChain(store, 'pre_output', 2);
      const expected = await store.loadChainItems(PROJECT, b!);
      expect(raw.prepare('SELECT output FROM responses WHERE id = ?').pluck().get(a)).toBe(
        JSON.stringify(makeRecord(a!).response.output),
      );
      raw.prepare('UPDATE responses SET output = NULL').run();
      expect(await store.loadChainItems(PROJECT, b!)).toEqual(expected);
      // A Response damaged outside the gateway: not JSON, or without an output array.
      for (const damage of ['{"id": "resp_pre_output_0", "output": ', '{"id": "resp_pre_output_0"}']) {
        raw.prepare('UPDATE responses SET response = ? WHERE id = ?').run(damage, a);
        const error = await expectStoreError(store.loadChainItems(PROJECT, b!), 'corrupt_record');
        expect(error.responseId).toBe(a);
      }
    } finally {
      raw.close();
      await store.close();
    }
  });

  test('migrating a version 1 database backfills the item index from the stored JSON', async () => {
    const path = freshPath();
    mkdirSync(join(path, '..'), { recursive: true });
    const raw = new Database(path);
    raw.exec(`CREATE TABLE responses (
       id TEXT PRIMARY KEY NOT NULL, created_at INTEGER NOT NULL, previous_response_id TEXT,
       input_items TEXT NOT NULL, response TEXT NOT NULL) STRICT;
     CREATE INDEX responses_created_at ON responses (created_at);
     PRAGMA user_version = 1;`);
    const insert = raw.prepare('INSERT INTO responses VALUES (?, ?, NULL, ?, ?)');
    const old = makeRecord('resp_v1_old', { createdAt: 10 });
    const odd = makeRecord('resp_v1_odd', {
      inputItems: [
        { type: 'message', id: 'msg_v1_nul', role: 'user', content: 'nul\u0000 lone\ud83d' },
        { type: 'message', id: 'msg_"quoted"', role: 'user', content: 'skipped: escaped id' },
      ],
    });
    odd.response.output.push({
      type: 'message',
      id: 'msg_v1_out',
      role: 'assistant',
      status: 'completed',
      content: [{ type: 'output_text', text: 'nul\u0000', annotations: [] }],
    });
    for (const record of [old, odd]) {
      insert.run(
        record.id,
        record.createdAt,
        JSON.stringify(record.inputItems),
        JSON.stringify(record.response),
      );
    }
    insert.run('resp_v1_broken', 1, 'not json', '{"id":"resp_v1_broken","output":{}}');
    raw.close();

    const store = SqliteResponseStore.open(path);
    try {
      const ids = ['fc_resp_v1_old', 'fco_resp_v1_old_in', 'msg_v1_nul', 'msg_v1_out', 'msg_"quoted"'];
      // Rows stored before projects existed belong to the default project.
      expect((await store.findItems(PROJECT, ids)).size).toBe(0);
      const found = await store.findItems(DEFAULT_PROJECT_ID, ids);
      expect([...found.keys()].sort()).toEqual([
        'fc_resp_v1_old',
        'fco_resp_v1_old_in',
        'msg_v1_nul',
        'msg_v1_out',
      ]);
      expect(found.get('fc_resp_v1_old')).toEqual(old.response.output[0]);
      expect(found.get('msg_v1_nul')).toEqual(odd.inputItems[0]);
      expect(found.get('msg_v1_out')).toEqual(odd.response.output[1]);
      // The delete trigger came with the migration: retention clears migrated rows too.
      expect(await store.deleteOlderThan(11)).toBe(2);
      expect((await store.findItems(DEFAULT_PROJECT_ID, ids)).has('fc_resp_v1_old')).toBe(false);
    } finally {
      await store.close();
    }
  });

  test('a conflict inside a batch fails only its own save; close commits saves still queued', async () => {
    const path = freshPath();
    const store = SqliteResponseStore.open(path);
    await store.save(PROJECT, makeRecord('resp_gc_taken'));
    const ids = ['resp_gc_1', 'resp_gc_taken', 'resp_gc_2', 'resp_gc_1'];
    const results = await Promise.allSettled(ids.map((id) => store.save(PROJECT, makeRecord(id))));
    expect(results.map((result) => result.status)).toEqual([
      'fulfilled',
      'rejected',
      'fulfilled',
      'rejected',
    ]);
    expect((await store.findItems(PROJECT, ['fc_resp_gc_1', 'fc_resp_gc_2'])).size).toBe(2);
    const pending = store.save(PROJECT, makeRecord('resp_gc_queued'));
    await store.close();
    await pending;
    const reopened = SqliteResponseStore.open(path, { groupCommit: false });
    try {
      expect((await reopened.get(PROJECT, 'resp_gc_queued'))?.id).toBe('resp_gc_queued');
      await reopened.save(PROJECT, makeRecord('resp_gc_single'));
      await expectStoreError(reopened.save(PROJECT, makeRecord('resp_gc_single')), 'conflict');
      expect((await reopened.findItems(PROJECT, ['fc_resp_gc_single'])).size).toBe(1);
    } finally {
      await reopened.close();
    }
  });

  test('a database from a newer gateway fails with migration_failed', async () => {
    const path = freshPath();
    mkdirSync(join(path, '..'), { recursive: true });
    const raw = new Database(path);
    raw.pragma('user_version = 99');
    raw.close();
    const error = await expectStoreError(
      Promise.resolve().then(() => SqliteResponseStore.open(path)),
      'migration_failed',
    );
    expect(error.message).toContain('Upgrade the gateway');
  });

  test('locations that cannot hold a database fail with invalid_location and say what to do', async () => {
    const notADatabase = join(tempRoot, 'not-a-database.txt');
    writeFileSync(notADatabase, 'this is plain text, not SQLite '.repeat(100));
    const opening = (location: string) => Promise.resolve().then(() => SqliteResponseStore.open(location));
    const text = await expectStoreError(opening(notADatabase), 'invalid_location');
    expect(text.message).toMatch(/not a database/i);
    const directory = await expectStoreError(opening(tempRoot), 'invalid_location');
    expect(directory.message).toContain('is a directory');
    const blocked = await expectStoreError(opening(join(notADatabase, 'child.db')), 'invalid_location');
    expect(blocked.message).toContain('Choose a writable location');
  });
});
