// The S3 floor (bench/floor-s3-main.mjs) answers S3 the way the bench checks toolbridge, and the goals
// table reads its rate as the ceiling of T4. Real processes: the scripted upstream and the floor.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// (The bench is plain JavaScript; this file is run by Vitest, not type-checked.)
import { createProbe } from '../bench/lib/probe.mjs';
import { stopChild } from '../bench/lib/processes.mjs';
import { verdictTable } from '../bench/lib/report.mjs';
import { routeFor } from '../bench/lib/scenarios.mjs';
import { startChatFloor, startFloor, startUpstream } from '../bench/lib/stack.mjs';
import { closedLoopRow, verdictsOf } from './bench-verdicts.case.js';

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
    const byId = verdictsOf([
      closedLoopRow('S1', 'bare', 120, 6000),
      closedLoopRow('S3', 'toolbridge', 600, 1200),
      closedLoopRow('S3', 'floor', 450, 1800),
    ]);
    // Requests per CPU-second against the floor's: 450 / 600.
    expect(byId.get('S3/floor')).toMatchObject({ value: 0.75, threshold: 0.85, pass: false });
    expect(byId.get('S3/bare')).toMatchObject({ value: 0.2, pass: null, threshold: null });
  });

  it('calls a throughput ratio INVALID, not MET, when the upstream alone was not 2.5× faster than a target', () => {
    const verdicts = (direct: number) =>
      verdictsOf([
        closedLoopRow('S1', 'direct', 20, direct),
        closedLoopRow('S1', 'bare', 100, 5000),
        closedLoopRow('S1', 'toolbridge', 110, 4800),
      ]);
    const bound = verdicts(5200);
    expect(bound.get('S1/rate')).toMatchObject({ pass: null, invalid: expect.stringContaining('S1/cpu') });
    expect(bound.get('S1/cpu')).toMatchObject({ value: 1.1, pass: true });
    expect(verdicts(20_000).get('S1/rate')).toMatchObject({ value: 0.96, pass: true });
  });

  it('calls a goal against the relay INVALID when the Chat floor read cheaper than the relay', () => {
    // 2026-12-07T06-26-44Z: the relay's windows took a burst (151 µs), the floor read 137 µs.
    const verdicts = (relay: number) =>
      verdictsOf([
        closedLoopRow('S1', 'direct', 15, 34_000),
        closedLoopRow('S1', 'bare', relay, 6000),
        closedLoopRow('S1', 'chat-floor', 137, 6900),
        closedLoopRow('S1', 'toolbridge', 157, 6100),
        closedLoopRow('S4', 'bare', 195, 4300),
        closedLoopRow('S4', 'chat-floor', 320, 3000),
        closedLoopRow('S4', 'toolbridge', 318, 3000),
      ]);
    const disturbed = verdicts(151);
    for (const id of ['S1/cpu', 'S1/rate']) {
      expect(disturbed.get(id)).toMatchObject({
        invalid: expect.stringContaining("the relay's row was disturbed"),
      });
      expect(verdictTable([disturbed.get(id)])).toContain('INVALID');
    }
    expect(disturbed.get('S1/cpu')?.invalid).toContain('0.907×');
    // Another scenario's relay row is judged on its own.
    expect(disturbed.get('S4/cpu')).toMatchObject({ pass: true });
    expect(disturbed.get('S4/cpu')).not.toHaveProperty('invalid');
    // A relay that reads cheaper than the floor is a reference.
    const quiet = verdicts(100);
    expect(quiet.get('S1/cpu')).toMatchObject({ value: 1.57, pass: false });
    expect(quiet.get('S1/cpu')).not.toHaveProperty('invalid');
  });
});

// The Chat floor (bench/floor-chat-main.mjs): the bare relay plus reading what it relays. Its CPU
// next to the bare relay's is the least any parsing gateway pays, so it must really do that reading.
describe('bench Chat floor', () => {
  const workDir = mkdtempSync(join(tmpdir(), 'bench-chat-floor-test-'));
  let upstream: Awaited<ReturnType<typeof startUpstream>>;
  let floor: Awaited<ReturnType<typeof startChatFloor>>;

  beforeAll(async () => {
    upstream = await startUpstream();
    floor = await startChatFloor(upstream, { workDir });
  }, 30_000);

  afterAll(async () => {
    await Promise.all([floor, upstream].filter(Boolean).map((target) => stopChild(target.entry)));
    rmSync(workDir, { recursive: true, force: true });
  });

  const logLines = () =>
    readFileSync(join(workDir, 'chat-floor.log'), 'utf8')
      .split('\n')
      .filter((line) => line !== '')
      .map((line) => JSON.parse(line));

  it('serves the Chat scenarios the way the bare relay does, and nothing that needs translating', () => {
    for (const scenario of ['S1', 'S2', 'S2p', 'S4', 'S4t']) {
      const route = routeFor({ name: 'chat-floor' }, scenario, upstream);
      expect(route).toMatchObject({ path: routeFor({ name: 'bare' }, scenario, upstream)?.path });
    }
    for (const scenario of ['S3', 'S1r', 'S2r', 'S1a'])
      expect(routeFor({ name: 'chat-floor' }, scenario, upstream)).toBeNull();
  });

  it('answers S1, S2, S2p, S4 and S4t with the expected call, and logs one line per request', async () => {
    let requests = 0;
    for (const scenario of ['S1', 'S2', 'S2p', 'S4', 'S4t']) {
      const probe = createProbe({ port: floor.port, route: routeFor(floor, scenario, upstream) });
      try {
        for (let turn = 0; turn < 3; turn++) {
          const result = await probe.call();
          expect(result.problem, scenario).toBeNull();
          requests++;
        }
      } finally {
        await probe.close();
      }
    }
    // pino's buffer is written on the next flush: stop the floor to see every line.
    await stopChild(floor.entry);
    const lines = logLines();
    expect(lines).toHaveLength(requests);
    expect(lines[0]).toMatchObject({
      level: 30,
      route: 'chat.completions',
      status: 200,
      model: 'bench-json',
    });
    floor = await startChatFloor(upstream, { workDir });
  }, 30_000);

  it('checks what it reads: an unpaired tool result and a body that is not JSON fail', async () => {
    const route = routeFor(floor, 'S1', upstream);
    const body = JSON.parse(route.body);
    body.messages.push({ role: 'tool', tool_call_id: 'call_nobody_made', content: '{}' });
    for (const sent of [JSON.stringify(body), '{"model":']) {
      const probe = createProbe({ port: floor.port, route: { ...route, body: sent } });
      const result = await probe.call();
      await probe.close();
      expect(result.problem).toMatch(/HTTP 502/);
    }
  });

  it('puts the floor beside the bare relay and toolbridge beside the floor, as information', () => {
    const verdicts = verdictsOf([
      closedLoopRow('S4', 'bare', 100),
      closedLoopRow('S4', 'chat-floor', 150),
      closedLoopRow('S4', 'toolbridge', 180),
    ]);
    expect(verdicts.get('S4/floor')).toMatchObject({ value: 1.5, pass: null, threshold: null });
    expect(verdicts.get('S4/÷floor')).toMatchObject({ value: 1.2, pass: null, threshold: null });
    expect(verdicts.has('S1/floor')).toBe(false);
  });

  it('prices the access log as information: toolbridge over toolbridge-log-off, under S1 and S4t', () => {
    const verdicts = verdictsOf([
      closedLoopRow('S1', 'bare', 100),
      closedLoopRow('S1', 'toolbridge', 180),
      closedLoopRow('S1', 'toolbridge-log-off', 160),
      closedLoopRow('S4t', 'toolbridge', 330),
    ]);
    expect(verdicts.get('S1/log')).toMatchObject({ value: 1.125, pass: null });
    expect(verdicts.get('S4t/log')).toMatchObject({ value: null, pass: null });
  });
});
