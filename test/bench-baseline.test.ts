// `npm run bench -- --baseline=DIR`: another checkout measured as toolbridge-baseline in the same run.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../bench/lib/deps.mjs';
// (The bench is plain JavaScript; this file is run by Vitest, not type-checked.)
import { parseOptions } from '../bench/lib/options.mjs';
import { createProbe } from '../bench/lib/probe.mjs';
import { verdictTable } from '../bench/lib/report.mjs';
import { routeFor } from '../bench/lib/scenarios.mjs';
import { toolbridgeStack } from './bench-stack.case.js';
import { closedLoopRow, verdictsOf } from './bench-verdicts.case.js';

describe('bench --baseline', () => {
  it('takes a built checkout, and says what is missing from one that is not', () => {
    expect(parseOptions([`--baseline=${REPO_ROOT}`]).baseline).toBe(REPO_ROOT);
    const empty = mkdtempSync(join(tmpdir(), 'bench-baseline-'));
    try {
      expect(() => parseOptions([`--baseline=${empty}`])).toThrow(/bench\/gateway-main\.mjs is missing/);
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });

  it("reports each scenario's CPU per request over the baseline's, as information", () => {
    const verdicts = verdictsOf([
      closedLoopRow('S4', 'bare', 150),
      closedLoopRow('S4', 'toolbridge', 330),
      closedLoopRow('S4', 'toolbridge-baseline', 550),
      closedLoopRow('S1', 'bare', 100),
      closedLoopRow('S1', 'toolbridge', 150),
    ]);
    expect(verdicts.get('S4/vs base')).toMatchObject({ value: 0.6, pass: null, threshold: null });
    // No baseline row, no comparison.
    expect(verdicts.has('S1/vs base')).toBe(false);
  });

  it('sets the ratio of the cheapest windows beside a comparison of two toolbridge builds or variants', () => {
    // A burst on two of the variant's three windows moves its median, not its cheapest window.
    const row = (target: string, median: number, min: number) => ({
      ...closedLoopRow('S1', target, median),
      cpuMsPer1kMin: min,
    });
    const verdicts = verdictsOf([
      row('bare', 100, 95),
      row('toolbridge', 160, 150),
      row('toolbridge-log-off', 240, 145),
      row('toolbridge-keys', 300, 180),
      row('toolbridge-baseline', 200, 200),
    ]);
    expect(verdicts.get('S1/log')).toMatchObject({ value: 160 / 240, minRatio: 150 / 145 });
    expect(verdicts.get('S1/keys')).toMatchObject({ value: 300 / 160, minRatio: 180 / 150 });
    expect(verdicts.get('S1/vs base')).toMatchObject({ value: 0.8, minRatio: 0.75 });
    // Goals keep the median alone; rows without window minima give no second figure.
    expect(verdicts.get('S1/cpu')).not.toHaveProperty('minRatio');
    const plain = verdictsOf([
      closedLoopRow('S1', 'toolbridge', 150),
      closedLoopRow('S1', 'toolbridge-keys', 180),
    ]);
    expect(plain.get('S1/keys')).toMatchObject({ value: 1.2, minRatio: null });
    expect(verdictTable([...verdicts.values()])).toContain('(min 1.200×)');
  });

  it("reads a virtual key's latency at one connection over the open gateway's, when both were timed", () => {
    const added = (ms: number) => ({ addedOverBare: { totalMs: { median: ms } } });
    const rows = [closedLoopRow('S1', 'toolbridge', 150), closedLoopRow('S1', 'toolbridge-keys', 190)];
    const verdicts = verdictsOf(rows, { S1: { toolbridge: added(0.05), 'toolbridge-keys': added(0.35) } });
    expect(verdicts.get('S1/keys c=1')).toMatchObject({ unit: ' ms', pass: null, threshold: null });
    expect(verdicts.get('S1/keys c=1')?.value).toBeCloseTo(0.3, 10);
    // The keys variant was not timed at one connection: no row.
    expect(verdictsOf(rows, { S1: { toolbridge: added(0.05) } }).has('S1/keys c=1')).toBe(false);
  });

  describe('a checkout started as toolbridge-baseline', () => {
    const stack = toolbridgeStack('bench-baseline-', { label: 'toolbridge-baseline', checkout: REPO_ROOT });

    it("serves toolbridge's routes under its own name, with the expected tool call", async () => {
      const { upstream, target } = stack;
      expect(target).toMatchObject({ name: 'toolbridge-baseline', serves: 'toolbridge' });
      const probe = createProbe({ port: target.port, route: routeFor(target, 'S4', upstream) });
      try {
        for (let request = 0; request < 3; request++) expect((await probe.call()).problem).toBeNull();
      } finally {
        await probe.close();
      }
    });
  });
});
