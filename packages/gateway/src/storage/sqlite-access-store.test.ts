import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, expect, test } from 'vitest';
import { describeAccessStoreConformance, makeKey } from './access-store.case.js';
import { openAccessStore, openResponseStore } from './open-response-store.js';
import { makeRecord, PROJECT } from './response-store-fixtures.case.js';
import { SqliteAccessStore } from './sqlite-access-store.js';
import { StoreError } from './store-error.js';

const tempRoot = mkdtempSync(join(tmpdir(), 'toolbridge-access-'));
let counter = 0;
afterAll(() => {
  rmSync(tempRoot, { recursive: true, force: true });
});

// Several stores on one file: the processes of `serve --workers N` share it this way.
describeAccessStoreConformance('SQLite file', async (count) => {
  counter += 1;
  const path = join(tempRoot, `access-${counter}.db`);
  return Array.from({ length: count }, () => SqliteAccessStore.open(path));
});

// The same suite with every counter write in its own transaction (`groupCommit: false`).
describeAccessStoreConformance('SQLite file, one transaction per write', async (count) => {
  counter += 1;
  const path = join(tempRoot, `access-${counter}.db`);
  return Array.from({ length: count }, () => SqliteAccessStore.open(path, { groupCommit: false }));
});

const freshPath = (): string => {
  counter += 1;
  return join(tempRoot, `access-${counter}.db`);
};

test('the counter writes of one turn commit together, each in the order it was issued', async () => {
  const path = freshPath();
  const store = SqliteAccessStore.open(path);
  const other = SqliteAccessStore.open(path);
  try {
    const take = () => store.takeRequest({ keyId: 'key_turn', windowStart: 60, rpm: 3, tpm: 100 });
    const pending = [
      take(),
      store.addUsage({ keyId: 'key_turn', tokens: { windowStart: 60, tokens: 40 }, spend: null }),
      take(),
      take(),
      take(),
    ];
    // Nothing is written before the turn ends: a reader on the file still sees no window.
    const reader = new Database(path, { readonly: true });
    const count = () =>
      reader.prepare("SELECT count(*) FROM access_rate_windows WHERE key_id = 'key_turn'").pluck().get();
    try {
      expect(count()).toBe(0);
      await Promise.all(pending);
      expect(count()).toBe(1);
    } finally {
      reader.close();
    }
    expect(await Promise.all(pending)).toEqual([
      { admitted: true, requests: 1, tokens: 0 },
      undefined,
      { admitted: true, requests: 2, tokens: 40 },
      { admitted: true, requests: 3, tokens: 40 },
      { admitted: false, requests: 3, tokens: 40 },
    ]);
    expect(await other.takeRequest({ keyId: 'key_turn', windowStart: 60, rpm: null, tpm: null })).toEqual({
      admitted: true,
      requests: 4,
      tokens: 40,
    });
  } finally {
    await Promise.all([store.close(), other.close()]);
  }
});

test('a write that fails in a batch fails alone; the others of its turn are committed once', async () => {
  const path = freshPath();
  const store = SqliteAccessStore.open(path);
  try {
    const take = () => store.takeRequest({ keyId: 'key_bad', windowStart: 60, rpm: null, tpm: null });
    // A fractional token count does not fit the STRICT INTEGER column: a caller bug, refused by SQLite.
    const results = await Promise.allSettled([
      take(),
      store.addUsage({ keyId: 'key_bad', tokens: { windowStart: 60, tokens: 1.5 }, spend: null }),
      take(),
    ]);
    expect(results.map((result) => result.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    const rejection = (results[1] as PromiseRejectedResult).reason;
    expect(StoreError.isInstance(rejection)).toBe(true);
    expect((rejection as StoreError).code).not.toBe('unavailable');
    // The failed batch was rolled back whole and each write retried alone: two requests, not four.
    expect(await take()).toEqual({ admitted: true, requests: 3, tokens: 0 });
  } finally {
    await store.close();
  }
});

test('a key found by hash is kept decoded, and its revocation or removal still counts at the next lookup', async () => {
  const path = freshPath();
  const [reader, admin] = [SqliteAccessStore.open(path), SqliteAccessStore.open(path)];
  const raw = new Database(path);
  try {
    const key = makeKey('key_kept', { rpm: 5, models: ['m'] });
    await admin.createKey(key);
    const first = await reader.findKeyByHash(key.keyHash);
    expect(first).toEqual(key);
    // Unchanged: the same decoded record, not a new one.
    expect(await reader.findKeyByHash(key.keyHash)).toBe(first);
    // Revoked through another connection (another process): the very next lookup says so.
    await admin.revokeKey('key_kept', 1_760_000_500);
    expect((await reader.findKeyByHash(key.keyHash))?.revokedAt).toBe(1_760_000_500);
    // Removed, then a different key stored under the same hash: never the old record.
    raw.prepare('DELETE FROM access_keys WHERE id = ?').run('key_kept');
    expect(await reader.findKeyByHash(key.keyHash)).toBeNull();
    const other = makeKey('key_other', { keyHash: key.keyHash, rpm: 9 });
    await admin.createKey(other);
    expect(await reader.findKeyByHash(key.keyHash)).toEqual(other);
  } finally {
    raw.close();
    await Promise.all([reader.close(), admin.close()]);
  }
});

test('closing the store commits the writes it has accepted', async () => {
  const path = freshPath();
  const store = SqliteAccessStore.open(path);
  const taken = store.takeRequest({ keyId: 'key_close', windowStart: 60, rpm: 5, tpm: null });
  const booked = store.addUsage({
    keyId: 'key_close',
    tokens: { windowStart: 60, tokens: 7 },
    spend: { periodStart: 0, nanoUsd: 11 },
  });
  await store.close();
  expect(await taken).toEqual({ admitted: true, requests: 1, tokens: 0 });
  await booked;
  const reopened = SqliteAccessStore.open(path);
  try {
    expect(await reopened.takeRequest({ keyId: 'key_close', windowStart: 60, rpm: 5, tpm: null })).toEqual({
      admitted: true,
      requests: 2,
      tokens: 7,
    });
    expect(await reopened.getSpend({ keyId: 'key_close', periodStart: 0 })).toBe(11);
  } finally {
    await reopened.close();
  }
});

test('the access store and the Responses store share one SQLite file and one schema', async () => {
  const path = join(tempRoot, 'shared.db');
  const [responses, access] = await Promise.all([openResponseStore(path), openAccessStore(path)]);
  try {
    await responses.save(PROJECT, makeRecord('resp_beside_keys'));
    await access.createKey(makeKey('key_beside_responses'));
    expect((await access.getKey('key_beside_responses'))?.id).toBe('key_beside_responses');
    expect((await responses.get(PROJECT, 'resp_beside_keys'))?.id).toBe('resp_beside_keys');
  } finally {
    await Promise.all([responses.close(), access.close()]);
  }
});
