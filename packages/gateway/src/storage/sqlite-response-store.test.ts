import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, test } from 'vitest';
import { describeResponseStoreConformance } from './response-store.case.js';
import { expectStoreError, makeRecord } from './response-store-fixtures.case.js';
import { SqliteResponseStore } from './sqlite-response-store.js';

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

describe('SqliteResponseStore', () => {
  test('opens in WAL mode with synchronous NORMAL and schema version 1', async () => {
    const path = freshPath();
    const store = SqliteResponseStore.open(path);
    await store.close();
    const raw = new Database(path, { readonly: true });
    try {
      expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(raw.pragma('user_version', { simple: true })).toBe(1);
    } finally {
      raw.close();
    }
  });

  test('two stores on one file (two gateway processes on one host) see each other', async () => {
    const path = freshPath();
    const [first, second] = [SqliteResponseStore.open(path), SqliteResponseStore.open(path)];
    try {
      await first.save(makeRecord('resp_shared'));
      expect((await second.get('resp_shared'))?.id).toBe('resp_shared');
      await second.save(makeRecord('resp_child', { previousResponseId: 'resp_shared' }));
      expect((await first.loadChain('resp_child'))?.map((record) => record.id)).toEqual([
        'resp_shared',
        'resp_child',
      ]);
      expect(await second.delete('resp_shared')).toBe(true);
      expect(await first.get('resp_shared')).toBeNull();
    } finally {
      await Promise.all([first.close(), second.close()]);
    }
  });

  test('reopening keeps the data and does not re-run migrations', async () => {
    const path = freshPath();
    const store = SqliteResponseStore.open(path);
    await store.save(makeRecord('resp_persist'));
    await store.close();
    const reopened = SqliteResponseStore.open(path);
    try {
      expect(await reopened.get('resp_persist')).toEqual(makeRecord('resp_persist'));
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
