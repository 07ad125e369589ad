import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type ScriptedUpstream, startScriptedUpstream } from '@toolbridge/scripted-upstream';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminApi, awaitRoomInMinute } from '../../../test-support/gateway/admin-api.js';

// `toolbridge serve --workers 2` as a user runs it (the built binary, real processes): workers share
// the port, the SQLite store and the limits; a killed worker is replaced; SIGHUP replaces every
// worker without dropping a request in flight (docs/configuration.md#workers).
const BIN = fileURLToPath(new URL('../../../packages/cli/bin/toolbridge.js', import.meta.url));
const ADMIN_KEY = 'admin-workers-0123456789';
const root = mkdtempSync(join(tmpdir(), 'toolbridge-workers-'));

let upstream: ScriptedUpstream;
let primary: ChildProcess;
let stderr = '';
let origin = '';

/** Resolves with the first match of `pattern` in the primary's stderr from `from` on. */
function waitForLog(pattern: RegExp, from = 0, timeoutMs = 20_000): Promise<RegExpExecArray> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const check = (): void => {
      const match = pattern.exec(stderr.slice(from));
      if (match) resolve(match);
      else if (Date.now() - started > timeoutMs) reject(new Error(`no ${pattern} in:\n${stderr}`));
      else setTimeout(check, 25);
    };
    check();
  });
}

function pidsAlive(pids: number[]): boolean[] {
  return pids.map((pid) => {
    try {
      process.kill(pid, 0);
      return true;
    } catch {
      return false;
    }
  });
}

beforeAll(async () => {
  upstream = await startScriptedUpstream({ record: false });
  const config = join(root, 'toolbridge.config.json');
  writeFileSync(
    config,
    JSON.stringify({
      port: 0,
      store: join(root, 'gateway.db'),
      logLevel: 'silent',
      adminKeyEnv: 'TB_TEST_ADMIN_KEY',
      providers: { scripted: { baseUrl: upstream.url, api: 'chat', kind: 'openai', models: ['gpt-5.4'] } },
    }),
  );
  primary = spawn(process.execPath, [BIN, 'serve', '--config', config, '--workers', '2'], {
    env: { ...process.env, NO_COLOR: '1', TB_TEST_ADMIN_KEY: ADMIN_KEY },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  primary.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  origin = (await waitForLog(/listening on (http:\/\/\S+)/))[1] ?? '';
}, 60_000);

afterAll(async () => {
  if (primary.exitCode === null) {
    primary.kill('SIGKILL');
    await new Promise((resolve) => primary.once('exit', resolve));
  }
  await upstream.close();
  rmSync(root, { recursive: true, force: true });
});

const workerPids = (): number[] => {
  const listed = /workers: ([\d, ]+)/.exec(stderr)?.[1] ?? '';
  return listed.split(',').map((pid) => Number(pid.trim()));
};

describe('serve --workers 2', () => {
  it('two workers serve one port; a key’s rpm is exact across them (shared SQLite)', async () => {
    expect(workerPids()).toHaveLength(2);
    expect(pidsAlive(workerPids())).toEqual([true, true]);
    await awaitRoomInMinute();
    const { key } = await adminApi(origin, ADMIN_KEY).createKey({ project: 'workers', rpm: 5 });
    // One client per request: separate connections, handed out round-robin to both workers.
    const outcomes = await Promise.allSettled(
      Array.from({ length: 12 }, (_, index) =>
        new OpenAI({ baseURL: `${origin}/v1`, apiKey: key, maxRetries: 0 }).chat.completions.create({
          model: 'gpt-5.4',
          messages: [{ role: 'user', content: `hello ${index}` }],
        }),
      ),
    );
    expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(5);
    for (const outcome of outcomes)
      if (outcome.status === 'rejected') expect(outcome.reason).toBeInstanceOf(OpenAI.RateLimitError);
  });

  it('a worker that crashes is replaced, and the gateway keeps answering', async () => {
    const [victim] = workerPids();
    const mark = stderr.length;
    process.kill(victim ?? 0, 'SIGKILL');
    await waitForLog(new RegExp(`worker ${victim} exited \\(SIGKILL\\); starting a new one`), mark);
    await waitForLog(/worker \d+ listening/, mark);
    const client = new OpenAI({
      baseURL: `${origin}/v1`,
      apiKey: (await adminApi(origin, ADMIN_KEY).createKey({ project: 'workers' })).key,
      maxRetries: 0,
    });
    for (let index = 0; index < 4; index += 1) expect((await client.models.list()).data.length).toBe(1);
  });

  it('SIGHUP replaces every worker one at a time without dropping a streaming request', async () => {
    const { key } = await adminApi(origin, ADMIN_KEY).createKey({ project: 'workers' });
    const client = new OpenAI({ baseURL: `${origin}/v1`, apiKey: key, maxRetries: 0 });
    const before = (await waitForLog(/workers replaced: ([\d, ]+)|workers: ([\d, ]+)/)).slice(1).join('');
    const mark = stderr.length;
    const stream = await client.chat.completions.create({
      model: 'gpt-5.4',
      stream: true,
      messages: [{ role: 'user', content: 'Tell me about the weather #delay=150 #fragments=40' }],
    });
    primary.kill('SIGHUP');
    let text = '';
    for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? '';
    expect(text.length).toBeGreaterThan(10);
    const replaced = (await waitForLog(/workers replaced: ([\d, ]+)/, mark, 40_000))[1] ?? '';
    const oldPids = before.split(',').map((pid) => Number(pid.trim()));
    const newPids = replaced.split(',').map((pid) => Number(pid.trim()));
    expect(newPids).toHaveLength(2);
    expect(newPids.some((pid) => oldPids.includes(pid))).toBe(false);
    expect((await client.models.list()).data.length).toBe(1);
  }, 60_000);

  it('SIGTERM stops the workers and the primary cleanly', async () => {
    const current = (/workers replaced: ([\d, ]+)/.exec(stderr)?.[1] ?? '')
      .split(',')
      .map((pid) => Number(pid.trim()));
    const exited = new Promise<number | null>((resolve) => primary.once('exit', (code) => resolve(code)));
    primary.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(pidsAlive(current)).toEqual([false, false]);
  });
});
