/**
 * Runs the official Open Responses compliance suite, unchanged, against the gateway over a Chat upstream and
 * over a Responses upstream (docs/open-responses.md#the-official-compliance-suite). The suite is not an npm
 * package and needs Bun, so this test runs only when both are at hand:
 *
 *   OPENRESPONSES_SUITE_DIR  a checkout of the openresponses/openresponses repository with its `zod`
 *                            dependency installed (`bin/compliance-test.ts` must run there)
 *   OPENRESPONSES_BUN        the `bun` binary (default: `bun` on PATH)
 *
 * Without them it is skipped; our own tests (test/e2e/gateway/open-responses-*.test.ts) cover every case
 * the suite checks.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startTestGateway } from '../../test-support/gateway/start-test-gateway.js';

const suiteDir = process.env['OPENRESPONSES_SUITE_DIR'];
const bun = process.env['OPENRESPONSES_BUN'] ?? 'bun';
const runnable = suiteDir !== undefined && existsSync(join(suiteDir, 'bin', 'compliance-test.ts'));

interface SuiteReport {
  summary: { passed: number; failed: number; skipped: number; total: number };
  results: Array<{ id: string; status: string; errors?: string[] }>;
}

function runSuite(baseUrl: string): Promise<SuiteReport> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      bun,
      ['run', 'bin/compliance-test.ts', '-u', baseUrl, '-k', 'sk-test', '-m', 'gpt-5.4', '--json'],
      {
        cwd: suiteDir,
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8');
    });
    child.on('error', reject);
    child.on('close', () => {
      try {
        resolve(JSON.parse(out.slice(out.indexOf('{'))) as SuiteReport);
      } catch (error) {
        reject(new Error(`the suite printed no JSON report: ${out.slice(0, 500)}`, { cause: error }));
      }
    });
  });
}

describe.skipIf(!runnable)('the official Open Responses compliance suite', () => {
  it.each(['chat', 'responses'] as const)(
    'passes every test over a %s upstream',
    async (upstreamApi) => {
      const gateway = await startTestGateway({ upstreamApi });
      try {
        const report = await runSuite(gateway.baseURL);
        const failed = report.results.filter((result) => result.status !== 'passed');
        expect(failed).toEqual([]);
        expect(report.summary).toEqual({ passed: 17, failed: 0, skipped: 0, total: 17 });
      } finally {
        await gateway.close();
      }
    },
    120_000,
  );
});
