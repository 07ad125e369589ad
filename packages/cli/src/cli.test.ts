import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startScriptedUpstream } from '@toolbridge/scripted-upstream';
import { describe, expect, it } from 'vitest';

// These tests spawn the real binary (bin/toolbridge.js → dist), as a user would run it; `npm test`
// builds first.
const BIN = fileURLToPath(new URL('../bin/toolbridge.js', import.meta.url));
const FIXTURES = fileURLToPath(new URL('./__fixtures__/', import.meta.url));

interface Outcome {
  code: number | null;
  stdout: string;
  stderr: string;
}

function run(args: string[], options: { env?: NodeJS.ProcessEnv; input?: string } = {}): Promise<Outcome> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      env: { ...process.env, NO_COLOR: '1', ...options.env },
    });
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
    if (options.input !== undefined) child.stdin.end(options.input);
    else child.stdin.end();
  });
}

describe('toolbridge demo', () => {
  it('runs the weather loop offline on both endpoints and prints the final answers', async () => {
    const { code, stdout, stderr } = await run(['demo']);
    expect(stderr).not.toContain('failed');
    expect(code).toBe(0);
    for (const title of [
      'Chat Completions · plain',
      'Chat Completions · streaming',
      'Chat Completions · parallel calls',
      'Responses · plain',
      'Responses · streaming',
      'Responses · parallel calls',
    ]) {
      expect(stdout).toContain(title);
    }
    expect(stdout).toContain('model asks for get_weather {"city":"北京"}');
    expect(stdout).toContain('26°C');
    expect(stdout).toContain('28°C');
    expect(stdout).toContain('demo finished: every run answered.');
  }, 60_000);

  it('runs the weather loop offline over the scripted Gemini upstream with --upstream-api gemini', async () => {
    const { code, stdout } = await run(['demo', '--upstream-api', 'gemini']);
    expect(code).toBe(0);
    expect(stdout).toContain('speaks gemini');
    expect(stdout).toContain('model gemini-3-flash');
    expect(stdout).toContain('Responses · parallel calls');
    expect(stdout).toContain('model asks for get_weather {"city":"北京"}');
    expect(stdout).toContain('28°C');
    expect(stdout).toContain('demo finished: every run answered.');
  }, 60_000);

  it('prints the trace as JSON lines with --json', async () => {
    const { code, stdout } = await run(['demo', '--json', '--api', 'responses']);
    expect(code).toBe(0);
    const events = stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { event: string; api: string; answer?: string; calls?: unknown[] });
    expect(events.every((event) => event.api === 'responses')).toBe(true);
    const ends = events.filter((event) => event.event === 'end');
    expect(ends).toHaveLength(3);
    expect(ends.every((event) => (event.answer ?? '').includes('°C'))).toBe(true);
    const parallelStep = events.find(
      (event) => event.event === 'step-end' && (event.calls?.length ?? 0) === 2,
    );
    expect(parallelStep).toBeDefined();
  }, 60_000);

  it('runs the weather loop offline over a scripted Anthropic Messages upstream (--upstream-api anthropic)', async () => {
    const { code, stdout, stderr } = await run(['demo', '--upstream-api', 'anthropic']);
    expect(stderr).not.toContain('failed');
    expect(code).toBe(0);
    expect(stdout).toContain('the scripted upstream (a test double, not a model; speaks anthropic)');
    for (const title of ['Chat Completions · streaming', 'Responses · parallel calls'])
      expect(stdout).toContain(title);
    expect(stdout).toContain('model asks for get_weather {"city":"北京"}');
    expect(stdout).toContain('26°C');
    expect(stdout).toContain('demo finished: every run answered.');
  }, 60_000);

  it('refuses --upstream without --model with a usage error', async () => {
    const { code, stderr } = await run([
      'demo',
      '--upstream',
      'http://127.0.0.1:9/v1',
      '--upstream-api',
      'chat',
    ]);
    expect(code).toBe(2);
    expect(stderr).toContain('--upstream needs --model');
  });
});

describe('toolbridge check-schema', () => {
  it("passes the guide's valid strict schema", async () => {
    const { code, stdout } = await run(['check-schema', join(FIXTURES, 'guide-valid-schema.json')]);
    expect(stdout).toContain('valid for strict mode');
    expect(code).toBe(0);
  });

  it("finds both problems of the guide's invalid example, with JSON pointers", async () => {
    const { code, stdout } = await run(['check-schema', join(FIXTURES, 'guide-invalid-schema.json')]);
    expect(code).toBe(1);
    expect(stdout).toContain("'additionalProperties' is required to be supplied and to be false");
    expect(stdout).toContain("Missing 'date'");
    expect(stdout).toMatch(/2 strict-mode problems/);
  });

  it('prints a strict version with --fix that then passes the check', async () => {
    const fixed = await run(['check-schema', '--fix', join(FIXTURES, 'guide-invalid-schema.json')]);
    expect(fixed.code).toBe(0);
    const schema = JSON.parse(fixed.stdout) as {
      required: string[];
      additionalProperties: boolean;
      properties: { date: { type: unknown } };
    };
    expect(schema.required).toEqual(['city', 'date']);
    expect(schema.additionalProperties).toBe(false);
    expect(schema.properties.date.type).toEqual(['string', 'null']);
    const again = await run(['check-schema', '-'], { input: fixed.stdout });
    expect(again.code).toBe(0);
  });

  it('checks every tool of an array and reports the non-strict one', async () => {
    const { code, stdout } = await run(['check-schema', '--json', join(FIXTURES, 'guide-chat-tools.json')]);
    expect(code).toBe(1);
    const report = JSON.parse(stdout) as Array<{ name: string; valid: boolean }>;
    expect(report.map((entry) => [entry.name, entry.valid])).toEqual([
      ["'get_weather'", true],
      ["'get_time'", false],
    ]);
  });

  it('exits 2 with a clear message for a file that is not JSON', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'toolbridge-cli-'));
    const file = join(dir, 'broken.json');
    await writeFile(file, '{"type": "object",');
    const { code, stderr } = await run(['check-schema', file]);
    expect(code).toBe(2);
    expect(stderr).toContain('is not valid JSON');
  });
});

describe('toolbridge convert', () => {
  it('round-trips tools Chat → Responses → Chat', async () => {
    const original = join(FIXTURES, 'guide-chat-tools.json');
    const flat = await run(['convert', '--to', 'responses', original]);
    expect(flat.code).toBe(0);
    const tools = JSON.parse(flat.stdout) as Array<Record<string, unknown>>;
    expect(tools[0]).toMatchObject({ type: 'function', name: 'get_weather', strict: true });
    expect(tools[0]).not.toHaveProperty('function');
    expect(flat.stderr).toContain('\'get_time\' sets no "strict"');
    const nested = await run(['convert', '--to', 'chat', '-'], { input: flat.stdout });
    expect(nested.code).toBe(0);
    const { readFile } = await import('node:fs/promises');
    expect(JSON.parse(nested.stdout)).toEqual(JSON.parse(await readFile(original, 'utf8')));
  });

  it('needs --to', async () => {
    const { code, stderr } = await run(['convert', join(FIXTURES, 'guide-chat-tools.json')]);
    expect(code).toBe(2);
    expect(stderr).toContain('--to chat or --to responses');
  });
});

describe('toolbridge serve', () => {
  function waitForLine(child: ChildProcess, pattern: RegExp): Promise<string> {
    return new Promise((resolve, reject) => {
      let seen = '';
      const timer = setTimeout(() => reject(new Error(`no line matching ${pattern} in: ${seen}`)), 15_000);
      child.stderr?.on('data', (chunk: Buffer) => {
        seen += chunk.toString();
        const match = pattern.exec(seen);
        if (match) {
          clearTimeout(timer);
          resolve(match[1] ?? match[0]);
        }
      });
    });
  }

  it('prints its URL, answers /health, and stops cleanly on SIGTERM', async () => {
    const child = spawn(
      process.execPath,
      [
        BIN,
        'serve',
        '--port',
        '0',
        '--upstream',
        'http://127.0.0.1:9/v1',
        '--upstream-api',
        'chat',
        '--store',
        ':memory:',
        '--log-level',
        'silent',
      ],
      {
        env: { ...process.env, NO_COLOR: '1', OPENAI_API_KEY: '' },
      },
    );
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    const url = await waitForLine(child, /listening on (http:\/\/127\.0\.0\.1:\d+)/);
    const health = await fetch(`${url}/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok' });
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });

  it('serves Chat Completions over an Anthropic Messages upstream (--upstream-api anthropic)', async () => {
    const upstream = await startScriptedUpstream({ apiKey: 'sk-ant-cli' });
    const child = spawn(
      process.execPath,
      [
        BIN,
        'serve',
        '--port',
        '0',
        '--upstream',
        upstream.url,
        '--upstream-api',
        'anthropic',
        '--upstream-key-env',
        'ANTHROPIC_API_KEY',
        '--store',
        ':memory:',
      ],
      { env: { ...process.env, NO_COLOR: '1', ANTHROPIC_API_KEY: 'sk-ant-cli' } },
    );
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    try {
      const url = await waitForLine(child, /listening on (http:\/\/127\.0\.0\.1:\d+)/);
      const reply = await fetch(`${url}/v1/chat/completions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ model: 'claude-sonnet-5', messages: [{ role: 'user', content: 'hi' }] }),
      });
      expect(reply.status).toBe(200);
      const body = (await reply.json()) as { choices: Array<{ message: { content: string } }> };
      expect(body.choices[0]?.message.content).toBe('Echo: hi');
      expect(upstream.requests[0]).toMatchObject({
        path: '/v1/messages',
        headers: { 'x-api-key': 'sk-ant-cli', 'anthropic-version': '2023-06-01' },
        body: { model: 'claude-sonnet-5', max_tokens: 4096 },
      });
    } finally {
      child.kill('SIGTERM');
      await exited;
      await upstream.close();
    }
  });

  it('fails at start with a message that says what to fix', async () => {
    const { code, stderr } = await run(['serve', '--upstream', 'http://127.0.0.1:9/v1']);
    expect(code).toBe(2);
    expect(stderr).toContain('--upstream-api must be "chat", "responses", "anthropic" or "gemini"');
    const missingKey = await run([
      'serve',
      '--upstream',
      'https://api.openai.com/v1',
      '--upstream-api',
      'chat',
      '--upstream-key-env',
      'TOOLBRIDGE_TEST_UNSET_KEY',
    ]);
    expect(missingKey.code).toBe(2);
    expect(missingKey.stderr).toContain('TOOLBRIDGE_TEST_UNSET_KEY, which is not set');
    const nothing = await run(['serve']);
    expect(nothing.code).toBe(2);
    expect(nothing.stderr).toContain('toolbridge demo');
  });
});

describe('toolbridge --help', () => {
  it('lists every command with an example', async () => {
    const { code, stdout } = await run(['--help']);
    expect(code).toBe(0);
    for (const command of ['demo', 'serve', 'check-schema', 'convert'])
      expect(stdout).toContain(`npx toolbridge ${command}`);
  });
});
