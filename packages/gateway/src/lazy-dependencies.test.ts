import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';

const packageDir = join(dirname(fileURLToPath(import.meta.url)), '..');

/**
 * Runs `script` in a fresh Node process from the package directory, where `@toolbridge/gateway` is the
 * built package (`npm test` builds first), and returns what it printed as JSON.
 */
function runNode(script: string): unknown {
  const prelude = `import { createRequire } from 'node:module';
const loaded = () => Object.keys(createRequire(import.meta.url).cache)
  .map((path) => /node_modules\\/(pg|ws)\\//.exec(path)?.[1]).filter(Boolean);
const distinct = () => [...new Set(loaded())].sort();
`;
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', prelude + script], {
    cwd: packageDir,
    encoding: 'utf8',
  });
  return JSON.parse(out);
}

describe('dependencies a gateway may never use are loaded on first use', () => {
  test('importing the gateway loads neither pg nor ws; the postgres entry point and ws itself do', () => {
    const seen = runNode(`
await import('@toolbridge/gateway');
const before = distinct();
const { PostgresResponseStore, PostgresAccessStore } = await import('@toolbridge/gateway/postgres');
const afterPostgres = distinct();
await import('ws');
console.log(JSON.stringify({ before, afterPostgres, afterWs: distinct(),
  classes: [typeof PostgresResponseStore.open, typeof PostgresAccessStore.open] }));
`);
    // The last two prove the check sees a loaded library: it is not a check that cannot fail.
    expect(seen).toEqual({
      before: [],
      afterPostgres: ['pg'],
      afterWs: ['pg', 'ws'],
      classes: ['function', 'function'],
    });
  });

  test('a SQLite gateway starts without loading ws, and WebSocket mode still upgrades', async () => {
    const seen = runNode(`
const { loadGatewayConfig, startGateway } = await import('@toolbridge/gateway');
const config = await loadGatewayConfig({ port: 0, host: '127.0.0.1', store: ':memory:',
  upstream: 'http://127.0.0.1:9/v1', upstreamApi: 'chat', logLevel: 'silent' }, {});
const gateway = await startGateway({ config });
const served = distinct();
const { WebSocket } = await import('ws');
const fromClient = distinct();
const socket = new WebSocket('ws://127.0.0.1:' + gateway.port + '/v1/responses');
await new Promise((resolve, reject) => { socket.once('open', resolve); socket.once('error', reject); });
socket.close();
await gateway.close();
console.log(JSON.stringify({ served, fromClient }));
`);
    // The client imports ws itself, so the second list cannot tell the server's use apart; the first
    // one is the claim, and the upgrade that follows shows WebSocket mode still works.
    expect(seen).toEqual({ served: [], fromClient: ['ws'] });
  });
});
