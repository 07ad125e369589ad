import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { openResponseStore } from './open-response-store.js';
import { expectStoreError, makeRecord, PROJECT } from './response-store-fixtures.case.js';
import { SqliteResponseStore } from './sqlite-response-store.js';

const tempRoot = mkdtempSync(join(tmpdir(), 'toolbridge-open-'));
afterAll(() => {
  rmSync(tempRoot, { recursive: true, force: true });
});

/** A loopback port nothing listens on (bound, then released). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return typeof address === 'object' && address !== null ? address.port : 1;
}

describe('openResponseStore', () => {
  test(':memory: opens a private in-memory SQLite store', async () => {
    const [first, second] = await Promise.all([openResponseStore(':memory:'), openResponseStore(':memory:')]);
    try {
      expect(first).toBeInstanceOf(SqliteResponseStore);
      await first.save(PROJECT, makeRecord('resp_mem'));
      expect(await second.get(PROJECT, 'resp_mem')).toBeNull();
    } finally {
      await Promise.all([first.close(), second.close()]);
    }
  });

  test('any other plain string is a SQLite file path (parent directories are created)', async () => {
    const path = join(tempRoot, 'a', 'b', 'toolbridge.db');
    const store = await openResponseStore(path);
    await store.close();
    expect(store).toBeInstanceOf(SqliteResponseStore);
    expect(existsSync(path)).toBe(true);
  });

  test('empty and unsupported locations fail with invalid_location and list what works', async () => {
    for (const location of ['', '   ', 'mysql://localhost/db', 'sqlite:///tmp/x.db', 'https://example.com']) {
      const error = await expectStoreError(openResponseStore(location), 'invalid_location');
      expect(error.message).toContain('postgres://');
      expect(error.message).toContain(':memory:');
    }
  });

  test('a malformed postgres URL fails without echoing the password', async () => {
    const error = await expectStoreError(
      openResponseStore('postgres://user:s3cret@host:notaport/db'),
      'invalid_location',
    );
    expect(error.message).not.toContain('s3cret');
    expect(error.message).toContain('percent-encode');
  });

  test('an unreachable PostgreSQL fails with unavailable', async () => {
    const url = `postgresql://postgres@127.0.0.1:${await closedPort()}/postgres`;
    const error = await expectStoreError(
      openResponseStore(url, { postgres: { connectionTimeoutMs: 2_000 } }),
      'unavailable',
    );
    expect(error.message).toContain('Check that the server is running');
  });
});
