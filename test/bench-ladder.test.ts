// The latency ladder (bench --ladder): open-loop steps charge a slow target for the queue it builds,
// and the knee is the last rate within the limits. A real loopback server answers with the fixed
// chat-json transcript after a delay.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fixedTranscript } from '@toolbridge/scripted-upstream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// (The bench is plain JavaScript; this file is run by Vitest, not type-checked.)
import { cpuAtEqualRates, kneeOf, LADDER_LIMITS, stepPasses } from '../bench/ladder.mjs';
import { openLoopStep } from '../bench/lib/open-loop.mjs';

const ANSWER_DELAY_MS = 20;

describe('bench --ladder', () => {
  let server: Server;
  let port: number;
  const route = { kind: 'chat-json', path: '/v1/chat/completions', headers: {}, body: '{}' };
  const pids = { target: process.pid, upstream: process.pid };

  beforeAll(async () => {
    const transcript = fixedTranscript('chat-json');
    server = createServer((request, response) => {
      request.resume();
      request.on('end', () => {
        setTimeout(() => {
          response.writeHead(200, { 'content-type': transcript.contentType });
          response.end(transcript.body);
        }, ANSWER_DELAY_MS);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });

  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('counts latency from the due time: one connection at 20 ms per answer cannot keep up with 100/s', async () => {
    const step = await openLoopStep({
      port,
      route,
      rate: 100,
      warmupS: 0,
      durationS: 1,
      connections: 1,
      verifyEvery: 10,
      pids,
    });
    expect(step.sent).toBe(100);
    expect(step.errors).toBe(0);
    expect(step.verified).toEqual({ ok: 10, failed: 0 });
    // 100 answers in series take ≥ 2 s; the last was due at ~1 s, so it waited ≥ ~1 s. A closed loop
    // would have reported ~20 ms for every request.
    expect(step.p99Ms).toBeGreaterThan(800);
    expect(step.achievedRps).toBeLessThan(60);
    expect(stepPasses(step)).toBe(false);
  });

  it('at a rate the target sustains, latency stays near the answer time', async () => {
    const step = await openLoopStep({ port, route, rate: 50, warmupS: 0.2, durationS: 1, pids });
    expect(step.sent).toBe(50);
    expect(step.p50Ms).toBeGreaterThanOrEqual(ANSWER_DELAY_MS);
    expect(step.p50Ms).toBeLessThan(LADDER_LIMITS.p99Ms);
    expect(stepPasses(step)).toBe(true);
    // The target's CPU per request at this rate (this test's server shares the process: its pid).
    expect(step.targetCpuUsPerRequest).toBeGreaterThan(0);
  });

  it("compares CPU per request with the bare relay's at the rates both passed", () => {
    const step = (rate: number, targetCpuUsPerRequest: number, p99Ms = 5) => ({
      rate,
      p99Ms,
      errors: 0,
      sent: 1000,
      ok: 1000,
      targetCpuUsPerRequest,
    });
    const rows = cpuAtEqualRates({
      S4: {
        bare: { steps: [step(500, 400), step(1000, 360), step(1500, 300, 400)] },
        toolbridge: { steps: [step(500, 600), step(1000, 540), step(1500, 500)] },
      },
    });
    // 1,500/s failed for the relay: nothing to compare there.
    expect(rows).toEqual([
      { scenario: 'S4', target: 'toolbridge', rate: 500, cpuUs: 600, bareCpuUs: 400, ratio: 1.5 },
      { scenario: 'S4', target: 'toolbridge', rate: 1000, cpuUs: 540, bareCpuUs: 360, ratio: 1.5 },
    ]);
  });

  it('the knee is the last passing rate before the first failing step', () => {
    const step = (rate: number, p99Ms: number, errors = 0) => ({
      rate,
      p99Ms,
      errors,
      sent: 1000,
      ok: 1000 - errors,
    });
    expect(kneeOf([step(250, 5), step(500, 8), step(1000, 400)])).toBe(500);
    expect(kneeOf([step(250, 5), step(500, 8, 2)])).toBe(250);
    expect(kneeOf([step(250, 300)])).toBeNull();
    expect(kneeOf([step(250, 5), step(500, 9)])).toBe(500);
  });
});
