// CI trusts `npm test`'s exit code. The embedded PostgreSQL of the global setup once ended every run
// with exit code 0, failing tests or not (test-support/postgres-global-setup.ts): a run with a failing
// test, under the same configuration and global setup, must exit non-zero.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { expect, it } from 'vitest';

// The package's bin file (not in its exports), from the root node_modules that `npm install` fills.
const vitestBin = join(process.cwd(), 'node_modules', 'vitest', 'vitest.mjs');

it('a Vitest run with a failing test exits non-zero under the repository configuration', () => {
  const run = spawnSync(
    process.execPath,
    [vitestBin, 'run', '--config', 'test-support/exit-code/exit-code.vitest.config.ts'],
    { encoding: 'utf8', timeout: 120_000, env: { ...process.env, CI: '1' } },
  );
  expect(`${run.stdout}${run.stderr}`).toContain('fails on purpose');
  expect(run.status).toBe(1);
}, 150_000);
