// Bench scenario S4t: S4's conversation sent turn by turn, the history growing with every request.
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// (The bench is plain JavaScript; this file is run by Vitest, not type-checked.)
import { autocannonOptions } from '../bench/lib/autocannon-load.mjs';
import { createProbe } from '../bench/lib/probe.mjs';
import { sequentialTable } from '../bench/lib/report.mjs';
import { routeFor } from '../bench/lib/scenarios.mjs';
import { runInterleaved } from '../bench/lib/sequential.mjs';
import { runWrk, wrkVersion } from '../bench/lib/wrk-load.mjs';
import { toolbridgeStack } from './bench-stack.case.js';

const messagesOf = (body: string) => (JSON.parse(body) as { messages: unknown[] }).messages;
const fakeUpstream = { port: 1, pacedPort: 2 };

describe('bench scenario S4t', () => {
  it("sends S4's conversation one turn per request, each body extending the one before", () => {
    const route = routeFor({ name: 'toolbridge' }, 'S4t', fakeUpstream);
    const sent = Array.from({ length: 21 }, () => route.body as string);
    expect(sent.slice(0, 19).map((body) => messagesOf(body).length)).toEqual(
      Array.from({ length: 19 }, (_, turn) => 4 + 2 * turn),
    );
    // Then from the start again.
    expect(sent[19]).toBe(sent[0]);
    for (let turn = 1; turn < 19; turn++) {
      const [before, now] = [messagesOf(sent[turn - 1] as string), messagesOf(sent[turn] as string)];
      expect(now.slice(0, before.length)).toEqual(before);
    }
    const last = JSON.parse(sent[18] as string) as { tools: unknown[] };
    expect(last.tools).toHaveLength(50);
  });

  it('gives autocannon every body in turn order', () => {
    const route = routeFor({ name: 'bare' }, 'S4t', fakeUpstream);
    const options = autocannonOptions({ port: 9, route, connections: 2, durationS: 1, maxRequests: 10 });
    expect(options.requests.map((request: { body: string }) => messagesOf(request.body).length)).toEqual(
      Array.from({ length: 19 }, (_, turn) => 4 + 2 * turn),
    );
  });

  describe('with wrk', () => {
    let server: Server;
    const seen: number[] = [];
    beforeAll(async () => {
      server = createServer((request, response) => {
        const chunks: Buffer[] = [];
        request.on('data', (chunk: Buffer) => chunks.push(chunk));
        request.on('end', () => {
          seen.push(messagesOf(Buffer.concat(chunks).toString('utf8')).length);
          response.end('{}');
        });
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    });
    afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

    // wrk is the Debian package the bench prefers; without it the bench uses autocannon (tested above).
    it.skipIf(wrkVersion() === null)('sends the bodies in turn order on one connection', async () => {
      const workDir = mkdtempSync(join(tmpdir(), 'bench-s4t-'));
      try {
        const route = routeFor({ name: 'bare' }, 'S4t', fakeUpstream);
        const { port } = server.address() as AddressInfo;
        const result = await runWrk({ port, route, connections: 1, durationS: 1, core: 0, workDir });
        expect(result.ok).toBeGreaterThan(19);
        // wrk builds one request before the run starts, so the run begins at the second turn; after
        // that each body is the next turn's, and the 40-message one is followed by the first.
        expect(new Set(seen)).toEqual(new Set(Array.from({ length: 19 }, (_, turn) => 4 + 2 * turn)));
        for (let index = 1; index < seen.length; index++) {
          const [before, now] = [seen[index - 1] as number, seen[index] as number];
          expect(now === before + 2 || (before === 40 && now === 4), `${before} then ${now}`).toBe(true);
        }
      } finally {
        rmSync(workDir, { recursive: true, force: true });
      }
    });
  });

  describe('through toolbridge', () => {
    const stack = toolbridgeStack('bench-s4t-');

    it('answers every turn, twice round the conversation, with the expected tool call', async () => {
      const { upstream, target } = stack;
      const probe = createProbe({ port: target.port, route: routeFor(target, 'S4t', upstream) });
      try {
        for (let request = 0; request < 38; request++) expect((await probe.call()).problem).toBeNull();
      } finally {
        await probe.close();
      }
    });

    it("reports the target's CPU per request at one connection in the sequential rounds", async () => {
      const { upstream, target } = stack;
      const route = routeFor(target, 'S4t', upstream);
      const results = await runInterleaved({
        targets: [
          { name: 'toolbridge', port: target.port, route, pids: target.pids },
          { name: 'unknown-pid', port: target.port, route: routeFor(target, 'S4t', upstream) },
        ],
        rounds: 2,
        perRound: 40,
        warmup: 2,
        maxSeconds: 30,
      });
      // 80 requests of ~0.5–1 ms of CPU each: well above the 10 ms resolution of /proc's CPU times.
      expect(results.toolbridge.cpuUsPerRequest).toBeGreaterThan(50);
      expect(results['unknown-pid'].cpuUsPerRequest).toBeNull();
      const table = sequentialTable({ S4t: results });
      expect(table).toContain('CPU µs/req');
      expect(table).toContain(String(Math.round(results.toolbridge.cpuUsPerRequest)));
    }, 60_000);
  });
});
