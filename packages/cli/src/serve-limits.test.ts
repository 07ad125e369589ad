import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';

// The built gateway in a child process, as `toolbridge serve` runs it (`npm test` builds first), so its
// memory can be read from /proc without the test runner's own allocations in the numbers.
const BIN = fileURLToPath(new URL('../bin/toolbridge.js', import.meta.url));
const MB = 1024 * 1024;

const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) child.kill('SIGKILL');
});

/** Starts `toolbridge serve` on a free port with `flags`; resolves with its port once it listens. */
async function serve(flags: string[]): Promise<{ child: ChildProcess; port: number }> {
  const child = spawn(
    process.execPath,
    [BIN, 'serve', '--port', '0', '--upstream', 'http://127.0.0.1:9/v1', '--upstream-api', 'chat'].concat(
      ['--store', ':memory:', '--log-level', 'silent'],
      flags,
    ),
    { env: { ...process.env, NO_COLOR: '1', OPENAI_API_KEY: '' } },
  );
  children.push(child);
  const port = await new Promise<number>((resolve, reject) => {
    let seen = '';
    const timer = setTimeout(() => reject(new Error(`the gateway did not start: ${seen}`)), 15_000);
    child.stderr?.on('data', (chunk: Buffer) => {
      seen += chunk.toString();
      const match = /listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(seen);
      if (match) {
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    });
  });
  return { child, port };
}

/** Resident and peak resident memory of a process, from /proc (Linux). */
function memoryOf(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = (field: string) =>
    Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0) * 1024;
  return { rss: kib('VmRSS'), peak: kib('VmHWM') };
}

/**
 * Sends headers announcing `declared` bytes, then `sent` bytes of body, then stalls. Resolves when all
 * of it was handed to the kernel, or when the gateway answered and closed first.
 */
function uploadAndStall(
  port: number,
  declared: number,
  sent: number,
): Promise<{ socket: Socket; answer: string }> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    let answer = '';
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      resolve({ socket, answer });
    };
    socket.on('data', (chunk: Buffer) => {
      answer += chunk.toString();
    });
    socket.on('error', finish);
    socket.on('close', finish);
    socket.once('connect', async () => {
      socket.write(
        `POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: ${declared}\r\n\r\n`,
      );
      const piece = Buffer.alloc(256 * 1024, 0x20);
      for (let written = 0; written < sent && !done; written += piece.length) {
        if (!socket.write(piece)) await new Promise((next) => socket.once('drain', next).once('close', next));
      }
      finish();
    });
  });
}

describe('toolbridge serve under hostile clients (Linux /proc)', () => {
  it.runIf(process.platform === 'linux')(
    '40 clients stalling after 15 MB of a 20 MB body add less than 250 MB of RSS, with default limits',
    async () => {
      const { child, port } = await serve([]);
      expect((await fetch(`http://127.0.0.1:${port}/health`)).status).toBe(200);
      const before = memoryOf(child.pid ?? 0);
      const clients = await Promise.all(
        Array.from({ length: 40 }, () => uploadAndStall(port, 20 * MB, 15 * MB)),
      );
      await new Promise((resolve) => setTimeout(resolve, 500));
      const after = memoryOf(child.pid ?? 0);
      for (const { socket } of clients) socket.destroy();
      // Without the shared body budget the gateway holds all 600 MB.
      expect((after.peak - before.rss) / MB).toBeLessThan(250);
      const refused = clients.filter(({ answer }) => answer.startsWith('HTTP/1.1 503'));
      expect(refused.length).toBeGreaterThan(0);
      expect(refused[0]?.answer).toContain('"code":"server_busy"');
      expect((await fetch(`http://127.0.0.1:${port}/health`)).status).toBe(200);
    },
    60_000,
  );

  it('takes the timeout and connection flags: a half-sent request is closed with a 408', async () => {
    const { port } = await serve([
      '--headers-timeout',
      '300',
      '--request-timeout',
      '600',
      '--max-connections',
      '8',
    ]);
    const started = performance.now();
    const answer = await new Promise<string>((resolve) => {
      const socket = connect(port, '127.0.0.1', () => socket.write('GET /health HTTP/1.1\r\nHost: 127'));
      let text = '';
      socket.on('data', (chunk: Buffer) => {
        text += chunk.toString();
      });
      socket.on('error', () => {});
      socket.on('close', () => resolve(text));
    });
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(answer).toMatch(/^HTTP\/1\.1 408/);
    expect(answer).toContain('"code":"request_timeout"');
  });

  it('refuses a headers timeout longer than the request timeout at start, with exit code 2', async () => {
    const child = spawn(
      process.execPath,
      [BIN, 'serve', '--upstream', 'http://127.0.0.1:9/v1', '--upstream-api', 'chat'].concat([
        '--headers-timeout',
        '9000',
        '--request-timeout',
        '5000',
      ]),
      { env: { ...process.env, NO_COLOR: '1' } },
    );
    children.push(child);
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    expect(await new Promise<number | null>((resolve) => child.on('close', resolve))).toBe(2);
    expect(stderr).toContain('must not be longer than the request timeout');
  });

  it('prints its upstreams at start without the credentials in their URLs', async () => {
    const child = spawn(
      process.execPath,
      [
        BIN,
        'serve',
        '--port',
        '0',
        '--store',
        ':memory:',
        '--log-level',
        'silent',
        '--upstream-api',
        'chat',
      ].concat(['--upstream', 'http://svc:pw-secret-999@127.0.0.1:9/v1?api-key=qk-secret-123']),
      { env: { ...process.env, NO_COLOR: '1', OPENAI_API_KEY: '' } },
    );
    children.push(child);
    const line = await new Promise<string>((resolve) => {
      let seen = '';
      child.stderr?.on('data', (chunk: Buffer) => {
        seen += chunk.toString();
        if (seen.includes('upstreams:')) resolve(seen);
      });
    });
    expect(line).toContain('default → http://[redacted]@127.0.0.1:9/v1?api-key=[redacted] (chat)');
    expect(line).not.toMatch(/pw-secret-999|qk-secret-123/);
  });
});
