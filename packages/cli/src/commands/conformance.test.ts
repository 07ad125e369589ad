import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type ScriptedUpstream, startScriptedUpstream } from '@toolbridge/scripted-upstream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConformanceReport } from '../conformance/conformance-report.js';
import type { Terminal } from '../output/terminal.js';
import { conformanceCommand, parseConformanceArgs } from './conformance.js';

// `toolbridge conformance` end to end: the scorecard, the JSON report for CI and the exit status,
// against a scripted upstream that ignores tool_choice (docs/conformance.md).
const BIN = fileURLToPath(new URL('../../bin/toolbridge.js', import.meta.url));

function capture(): Terminal & { text(): string } {
  const lines: string[] = [];
  return {
    interactive: false,
    line: (text = '') => lines.push(text),
    style: (_style, text) => text,
    spin: (_label, task) => task(),
    text: () => lines.join('\n'),
  };
}

let upstream: ScriptedUpstream;
let dir = '';
beforeAll(async () => {
  upstream = await startScriptedUpstream({
    nonConforming: ['ignore-tool-choice'],
    apiKey: 'sk-secret-conformance',
  });
  dir = await mkdtemp(join(tmpdir(), 'toolbridge-conformance-'));
});
afterAll(async () => {
  await upstream.close();
  await rm(dir, { recursive: true, force: true });
});

describe('toolbridge conformance', () => {
  it('prints a scorecard with evidence, writes the JSON report and exits 1 on a failure', async () => {
    const out = capture();
    const err = capture();
    const report = join(dir, 'report.json');
    const options = parseConformanceArgs([
      '--base-url',
      upstream.url,
      '--api',
      'chat',
      '--key-env',
      'CONFORMANCE_KEY',
      '--only',
      '3,4',
      '--only',
      'chat-loop',
      '--json',
      report,
    ]);
    expect(options).not.toBeNull();
    const code = await conformanceCommand(options as NonNullable<typeof options>, {
      out,
      err,
      env: { CONFORMANCE_KEY: 'sk-secret-conformance' },
    });
    expect(code).toBe(1);
    const text = out.text();
    expect(text).toContain('tool_choice');
    expect(text).toMatch(/✗ 3 +chat +a named function: exactly that call, finish_reason "stop"/);
    expect(text).toContain('call: /calls/*/name reads ["get_time"]');
    expect(text).toContain('got      ["get_weather"]');
    expect(text).toMatch(/✓ chat-loop/);
    expect(text).toContain(
      '3 cases: 1 passed, 2 failed, 0 not supported, 0 model did not call — score 33.3 % (1 of 3 decided)',
    );
    expect(text).not.toContain('sk-secret-conformance');

    const written = JSON.parse(await readFile(report, 'utf8')) as ConformanceReport;
    expect(written).toMatchObject({
      reportVersion: 1,
      tool: 'toolbridge conformance',
      baseUrl: upstream.url,
      model: 'gpt-5.4-mini',
      apis: ['chat'],
      startedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      durationMs: expect.any(Number),
      summary: { total: 3, passed: 1, failed: 2, unsupported: 0, noCall: 0, score: 1 / 3 },
    });
    expect(written.features.map((feature) => [feature.id, feature.supported])).toEqual([['api:chat', true]]);
    expect(written.cases.map((entry) => [entry.id, entry.status])).toEqual([
      ['3', 'fail'],
      ['4', 'fail'],
      ['chat-loop', 'pass'],
    ]);
    const [three] = written.cases;
    expect(three).toEqual({
      id: '3',
      area: 'tool_choice',
      api: 'chat',
      title: 'a named function: exactly that call, finish_reason "stop"',
      refs: ['docs/protocol/tool-choice.md#effect-on-finish_reason'],
      status: 'fail',
      durationMs: expect.any(Number),
      evidence: [
        {
          step: 'call',
          check: '/calls/*/name reads ["get_time"]',
          expected: ['get_time'],
          actual: ['get_weather'],
        },
        {
          step: 'call',
          check: '/body/choices/0/finish_reason equals "stop"',
          expected: 'stop',
          actual: 'tool_calls',
        },
      ],
    });
    expect(JSON.stringify(written)).not.toContain('sk-secret-conformance');
  });

  it('runs from the command line: --json - prints the report on stdout and the scorecard on stderr', async () => {
    const child = spawn(
      process.execPath,
      [
        BIN,
        'conformance',
        '--base-url',
        upstream.url,
        '--api',
        'chat',
        '--only',
        '4',
        '--key-env',
        'K',
        '--json',
        '-',
      ],
      { env: { ...process.env, NO_COLOR: '1', K: 'sk-secret-conformance' } },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(code).toBe(1);
    expect((JSON.parse(stdout) as ConformanceReport).summary).toMatchObject({ total: 1, failed: 1 });
    expect(stderr).toMatch(/✗ 4 +chat/);
  }, 60_000);

  it('rejects bad usage with exit status 2 and a clear message', () => {
    expect(() => parseConformanceArgs([])).toThrow('conformance needs --base-url URL');
    expect(() => parseConformanceArgs(['--base-url', 'http://x/v1', '--api', 'soap'])).toThrow(
      "--api must be both or one of chat, responses (got 'soap')",
    );
    expect(parseConformanceArgs(['--help'])).toBeNull();
  });

  it('refuses an --only that names no case or area', async () => {
    const options = parseConformanceArgs(['--base-url', upstream.url, '--only', 'nope']);
    await expect(
      conformanceCommand(options as NonNullable<typeof options>, { out: capture(), err: capture(), env: {} }),
    ).rejects.toThrow(/--only names no case or area: nope/);
  });
});
