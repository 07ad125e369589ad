import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openAccessStore } from '@toolbridge/gateway';
import { afterAll, describe, expect, it } from 'vitest';

// `toolbridge keys` as a user runs it (the built binary; `npm test` builds first), against the
// store `serve` would open from the same --config (docs/configuration.md#projects-keys-and-limits).
const BIN = fileURLToPath(new URL('../bin/toolbridge.js', import.meta.url));
const root = mkdtempSync(join(tmpdir(), 'toolbridge-keys-cli-'));
const store = join(root, 'gateway.db');
const config = join(root, 'toolbridge.config.json');
// The provider's key variable is unset: managing keys must not need it.
writeFileSync(
  config,
  JSON.stringify({
    store,
    providers: {
      openai: { baseUrl: 'https://api.openai.com/v1', api: 'responses', apiKeyEnv: 'TB_UNSET_KEY' },
    },
  }),
);
afterAll(() => rmSync(root, { recursive: true, force: true }));

function run(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { env: { ...process.env, NO_COLOR: '1' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('toolbridge keys', () => {
  it('create prints the key once, stores only its hash, list shows it, revoke revokes it', async () => {
    const created = await run([
      'keys',
      'create',
      '--config',
      config,
      '--project',
      'team-a',
      '--name',
      'ci',
      '--models',
      'gpt-5.4-mini,gpt-5.4',
      '--rpm',
      '60',
      '--tpm',
      '100000',
      '--budget',
      '50/month',
      '--expires',
      '30d',
    ]);
    expect(created.code).toBe(0);
    const key = created.stdout.trim();
    expect(key).toMatch(/^sk-tb-[A-Za-z0-9_-]{32}$/);
    expect(created.stderr).toMatch(/created key_[0-9a-f]{16} for project team-a/);
    expect(readFileSync(store).includes(Buffer.from(key))).toBe(false);
    const access = await openAccessStore(store);
    try {
      const record = await access.findKeyByHash(createHash('sha256').update(key).digest('hex'));
      expect(record).toMatchObject({
        projectId: 'team-a',
        name: 'ci',
        models: ['gpt-5.4-mini', 'gpt-5.4'],
        rpm: 60,
        tpm: 100_000,
        budget: { nanoUsd: 50e9, period: 'month' },
        revokedAt: null,
      });
      const listed = await run(['keys', 'list', '--config', config, '--json']);
      const views = listed.stdout
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line) as { id: string; status: string });
      expect(views.map((view) => view.id)).toEqual([record?.id]);
      expect(listed.stdout).not.toContain(key);
      const revoked = await run(['keys', 'revoke', record?.id ?? '', '--store', store]);
      expect(revoked).toMatchObject({ code: 0, stderr: `revoked ${record?.id}.\n` });
      expect((await access.getKey(record?.id ?? ''))?.revokedAt).not.toBeNull();
    } finally {
      await access.close();
    }
  }, 90_000);

  it('refuses bad input with a usage error (exit 2)', async () => {
    const cases = [
      ['keys', 'create', '--store', store],
      ['keys', 'create', '--store', store, '--project', 'bad name'],
      ['keys', 'create', '--store', store, '--project', 'p', '--budget', '5/fortnight'],
      ['keys', 'create', '--store', store, '--project', 'p', '--expires', 'yesterday'],
      ['keys', 'frobnicate', '--store', store],
    ];
    for (const args of cases) expect((await run(args)).code).toBe(2);
    const unknown = await run(['keys', 'revoke', 'key_nope', '--store', store]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain("No key with id 'key_nope'");
  }, 90_000);
});
