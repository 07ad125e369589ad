// The S3 floor (bench/floor-s3-main.mjs) answers S3 the way the bench checks toolbridge, and the goals
// table reads its rate as the ceiling of T4. Real processes: the scripted upstream and the floor.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// (The bench is plain JavaScript; this file is run by Vitest, not type-checked.)
import { createProbe } from '../bench/lib/probe.mjs';
import { stopChild } from '../bench/lib/processes.mjs';
import { evaluateTargets } from '../bench/lib/report.mjs';
import { routeFor } from '../bench/lib/scenarios.mjs';
import { startFloor, startUpstream } from '../bench/lib/stack.mjs';

describe('bench S3 floor', () => {
  const workDir = mkdtempSync(join(tmpdir(), 'bench-floor-test-'));
  let upstream: Awaited<ReturnType<typeof startUpstream>>;
  let floor: Awaited<ReturnType<typeof startFloor>>;

  beforeAll(async () => {
    upstream = await startUpstream();
    floor = await startFloor(upstream, { workDir });
  }, 30_000);

  afterAll(async () => {
    await Promise.all([floor, upstream].filter(Boolean).map((target) => stopChild(target.entry)));
    rmSync(workDir, { recursive: true, force: true });
  });

  it('serves S3 only', () => {
    expect(routeFor({ name: 'floor' }, 'S1', upstream)).toBeNull();
    expect(routeFor({ name: 'floor' }, 'S4', upstream)).toBeNull();
    expect(routeFor({ name: 'floor' }, 'S3', upstream)).toMatchObject({ kind: 'responses-sse' });
  });

  it('answers both S3 turns with the expected call, the follow-up chained on the stored first turn', async () => {
    const probe = createProbe({ port: floor.port, route: routeFor(floor, 'S3', upstream) });
    try {
      for (let pair = 0; pair < 3; pair++) {
        const result = await probe.call();
        expect(result.problem).toBeNull();
        expect(result.responseId).toMatch(/^resp_/);
        expect(result.turn2.problem).toBeNull();
        expect(result.turn2.responseId).not.toBe(result.responseId);
      }
      // A follow-up naming an unknown response finds nothing to chain on: the floor fails it.
      const route = routeFor(floor, 'S3', upstream);
      const orphanProbe = createProbe({
        port: floor.port,
        route: { ...route, turn1: route.turn2('resp_unknown') },
      });
      const orphan = await orphanProbe.call();
      await orphanProbe.close();
      expect(orphan.problem).toMatch(/HTTP 500/);
    } finally {
      await probe.close();
    }
  });

  it('reports its S3 rate over the bare S1 rate, and toolbridge against it, as information', () => {
    const row = (scenario: string, target: string, rps: number, cpuMsPer1k: number) => ({
      scenario,
      target,
      rps,
      cpuMsPer1k,
    });
    const verdicts = evaluateTargets({
      closedLoop: [
        row('S1', 'bare', 6000, 120),
        row('S3', 'toolbridge', 1200, 600),
        row('S3', 'floor', 1800, 450),
      ],
      sequential: {},
    });
    const byId = new Map(verdicts.map((verdict) => [verdict.id, verdict]));
    // Requests per CPU-second against the floor's: 450 / 600.
    expect(byId.get('S3/floor')).toMatchObject({ value: 0.75, threshold: 0.85, pass: false });
    expect(byId.get('S3/bare')).toMatchObject({ value: 0.2, pass: null, threshold: null });
  });

  it('calls a throughput ratio INVALID, not MET, when the upstream alone was not 2.5× faster than a target', () => {
    const row = (target: string, rps: number, cpuMsPer1k: number) => ({
      scenario: 'S1',
      target,
      rps,
      cpuMsPer1k,
    });
    const verdicts = (direct: number) =>
      new Map(
        evaluateTargets({
          closedLoop: [row('direct', direct, 20), row('bare', 5000, 100), row('toolbridge', 4800, 110)],
          sequential: {},
        }).map((verdict) => [verdict.id, verdict]),
      );
    const bound = verdicts(5200);
    expect(bound.get('S1/rate')).toMatchObject({ pass: null, invalid: expect.stringContaining('S1/cpu') });
    expect(bound.get('S1/cpu')).toMatchObject({ value: 1.1, pass: true });
    expect(verdicts(20_000).get('S1/rate')).toMatchObject({ value: 0.96, pass: true });
  });
});
