import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { describeAccessStoreConformance, makeKey } from './access-store.case.js';
import { openAccessStore, openResponseStore } from './open-response-store.js';
import { makeRecord, PROJECT } from './response-store-fixtures.case.js';
import { SqliteAccessStore } from './sqlite-access-store.js';

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
