/**
 * A real PostgreSQL for tests (real parts, not mocks): either a fresh database on the server named by
 * `TOOLBRIDGE_TEST_PG_URL`, or a throwaway cluster built with Debian's server binaries.
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chown, mkdir, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';

const run = promisify(execFile);
const POSTGRES_LIB = '/usr/lib/postgresql';
const START_ATTEMPTS = 3;

/** A running PostgreSQL database for one test file; `stop()` removes every trace of it. */
export interface PostgresCluster {
  /** `postgres://` URL of an empty database that only this caller uses. */
  url: string;
  stop(): Promise<void>;
}

/**
 * Starts PostgreSQL for a test file. With `TOOLBRIDGE_TEST_PG_URL` set, creates a fresh database on
 * that server (dropped on stop); otherwise initdb's a private cluster on a free loopback port.
 * Throws (never skips) when no server is available, naming the package to install.
 */
export async function startPostgresCluster(): Promise<PostgresCluster> {
  const serverUrl = process.env['TOOLBRIDGE_TEST_PG_URL'];
  if (serverUrl !== undefined && serverUrl !== '') {
    return createDatabaseOn(serverUrl);
  }
  return startThrowawayCluster();
}

async function createDatabaseOn(serverUrl: string): Promise<PostgresCluster> {
  const name = `toolbridge_test_${randomBytes(6).toString('hex')}`;
  await withClient(serverUrl, (client) => client.query(`CREATE DATABASE ${name}`));
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    stop: () =>
      withClient(serverUrl, (client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)),
  };
}

async function withClient(url: string, action: (client: Client) => Promise<unknown>): Promise<void> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await action(client);
  } finally {
    await client.end();
  }
}

interface ServerBinaries {
  initdb: string;
  pgCtl: string;
}

async function findServerBinaries(): Promise<ServerBinaries> {
  const versions = await readdir(POSTGRES_LIB).catch((): string[] => []);
  // Newest major version first: "15" < "16" numerically, not lexically ("9.6" vs "15").
  const sorted = versions.filter((name) => /^\d+(\.\d+)?$/.test(name)).sort((a, b) => Number(b) - Number(a));
  for (const version of sorted) {
    const bin = join(POSTGRES_LIB, version, 'bin');
    const entries = await readdir(bin).catch((): string[] => []);
    if (entries.includes('initdb') && entries.includes('pg_ctl')) {
      return { initdb: join(bin, 'initdb'), pgCtl: join(bin, 'pg_ctl') };
    }
  }
  throw new Error(
    `PostgreSQL server binaries not found under ${POSTGRES_LIB}/*/bin (initdb, pg_ctl). ` +
      'Install them with `apt-get install postgresql`, or set TOOLBRIDGE_TEST_PG_URL to a server URL ' +
      'whose user may CREATE DATABASE.',
  );
}

/** Runs a server binary; as root it runs as the `postgres` OS user because initdb refuses root. */
async function runServerBinary(file: string, args: string[], cwd: string): Promise<void> {
  const [command, fullArgs] = isRoot() ? ['runuser', ['-u', 'postgres', '--', file, ...args]] : [file, args];
  try {
    await run(command, fullArgs, { cwd, timeout: 120_000 });
  } catch (error) {
    const details = error instanceof Error && 'stderr' in error ? String(error.stderr) : '';
    throw new Error(`${file} ${args[0] ?? ''} failed: ${details.trim()}`, { cause: error });
  }
}

function isRoot(): boolean {
  return process.getuid?.() === 0;
}

async function postgresOwner(): Promise<{ uid: number; gid: number }> {
  const { stdout: uid } = await run('id', ['-u', 'postgres']);
  const { stdout: gid } = await run('id', ['-g', 'postgres']);
  return { uid: Number(uid.trim()), gid: Number(gid.trim()) };
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

async function startThrowawayCluster(): Promise<PostgresCluster> {
  const binaries = await findServerBinaries();
  const root = await mkdtemp(join(tmpdir(), 'toolbridge-pg-'));
  const dataDir = join(root, 'data');
  const socketDir = join(root, 'socket');
  const logFile = join(root, 'server.log');
  try {
    await mkdir(socketDir);
    if (isRoot()) {
      const owner = await postgresOwner();
      await chown(root, owner.uid, owner.gid);
      await chown(socketDir, owner.uid, owner.gid);
    }
    // --no-sync and fsync=off: the cluster is deleted after the run, so crash safety buys nothing.
    await runServerBinary(
      binaries.initdb,
      ['-D', dataDir, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--locale=C', '--no-sync'],
      root,
    );
    const port = await startServer(binaries.pgCtl, { root, dataDir, socketDir, logFile });
    const stop = async (): Promise<void> => {
      try {
        await runServerBinary(binaries.pgCtl, ['stop', '-D', dataDir, '-m', 'immediate', '-w'], root);
      } finally {
        await rm(root, { recursive: true, force: true });
      }
    };
    return { url: `postgres://postgres@127.0.0.1:${port}/postgres`, stop };
  } catch (error) {
    await rm(root, { recursive: true, force: true });
    throw error;
  }
}

/** Test files start clusters in parallel, so a port found free can be taken before we bind it: retry. */
async function startServer(
  pgCtl: string,
  paths: { root: string; dataDir: string; socketDir: string; logFile: string },
): Promise<number> {
  let lastError: unknown;
  for (let attempt = 0; attempt < START_ATTEMPTS; attempt += 1) {
    const port = await freeLoopbackPort();
    const serverOptions = [
      `-p ${port}`,
      `-k ${paths.socketDir}`,
      '-c listen_addresses=127.0.0.1',
      '-c fsync=off',
      '-c full_page_writes=off',
      '-c max_connections=50',
    ].join(' ');
    try {
      await runServerBinary(
        pgCtl,
        ['start', '-D', paths.dataDir, '-l', paths.logFile, '-w', '-t', '60', '-o', serverOptions],
        paths.root,
      );
      return port;
    } catch (error) {
      const log = await readFile(paths.logFile, 'utf8').catch(() => '');
      lastError = new Error(`PostgreSQL did not start on port ${port}. Server log:\n${log}`, {
        cause: error,
      });
    }
  }
  throw lastError;
}
