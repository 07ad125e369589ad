import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startScriptedUpstream } from '@toolbridge/scripted-upstream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// `toolbridge serve --record / --replay / --redact` as a user runs them (docs/cassettes.md): the
// real binary, a real upstream while recording, none while replaying.
const BIN = fileURLToPath(new URL('../../bin/toolbridge.js', import.meta.url));

function serve(args: string[]): {
  child: ChildProcess;
  url: Promise<string>;
  exited: Promise<number | null>;
} {
  const child = spawn(
    process.execPath,
    [BIN, 'serve', '--port', '0', '--store', ':memory:', '--log-level', 'silent', ...args],
    {
      env: { ...process.env, NO_COLOR: '1', UPSTREAM_KEY: 'sk-cli-secret-key-123' },
    },
  );
  let seen = '';
  const url = new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`gateway did not start: ${seen}`)), 20_000);
    child.on('close', () => {
      clearTimeout(timer);
      reject(new Error(`gateway exited: ${seen}`));
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      seen += chunk.toString();
      const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(seen);
      if (match?.[1] !== undefined && /recording|replaying/.test(seen)) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
  });
  return { child, url, exited: new Promise((resolve) => child.on('close', resolve)) };
}

async function ask(url: string, user: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${url}/v1/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ model: 'm', messages: [{ role: 'user', content: 'Weather in Paris?' }], user }),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'toolbridge-serve-cassettes-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('toolbridge serve with cassettes', () => {
  it('records with --record and --redact, then replays with --replay alone', async () => {
    const upstream = await startScriptedUpstream({ apiKey: 'sk-cli-secret-key-123' });
    const recording = serve([
      '--upstream',
      upstream.url,
      '--upstream-api',
      'chat',
      '--upstream-key-env',
      'UPSTREAM_KEY',
      '--record',
      dir,
      '--redact',
      'user,system_fingerprint',
    ]);
    const recordedUrl = await recording.url;
    const live = await ask(recordedUrl, 'alice');
    recording.child.kill('SIGTERM');
    expect(await recording.exited).toBe(0);
    await upstream.close();
    expect(live.status).toBe(200);

    const [file] = await readdir(dir);
    const text = await readFile(join(dir, file ?? ''), 'utf8');
    expect(text).not.toContain('sk-cli-secret-key-123');
    expect(text).not.toContain('alice');

    const replay = serve(['--replay', dir, '--replay-timing', 'real']);
    const replayedUrl = await replay.url;
    const replayed = await ask(replayedUrl, 'bob');
    const miss = await fetch(`${replayedUrl}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'm', messages: [{ role: 'user', content: 'Weather in Rome?' }] }),
    });
    replay.child.kill('SIGTERM');
    expect(await replay.exited).toBe(0);
    expect(replayed.status).toBe(200);
    expect(replayed.body['choices']).toEqual(live.body['choices']);
    expect(miss.status).toBe(400);
    expect(((await miss.json()) as { error: { code: string } }).error.code).toBe('cassette_not_found');
  }, 60_000);

  it('refuses --record with --replay, with exit status 2', async () => {
    const both = serve(['--replay', dir, '--record', dir]);
    expect(await both.exited).toBe(2);
    await expect(both.url).rejects.toThrow('--record and --replay exclude each other');
  });
});
