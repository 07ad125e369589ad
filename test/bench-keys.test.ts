// Bench target `keys`: toolbridge requiring keys, every request on one virtual key with rpm, tpm and
// a budget (what a team's gateway does per request). Real processes: the scripted upstream and the
// gateway; the key is made in the gateway's SQLite store before it starts.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
// (The bench is plain JavaScript; this file is run by Vitest, not type-checked.)
import { runAccessCost } from '../bench/access.mjs';
import { createProbe } from '../bench/lib/probe.mjs';
import { routeFor } from '../bench/lib/scenarios.mjs';
import { toolbridgeStack } from './bench-stack.case.js';

describe('bench target keys', () => {
  const stack = toolbridgeStack('bench-keys-', { logLevel: 'info', label: 'toolbridge-keys', keys: true });

  it('sends the virtual key with every request, and the gateway answers only with it', async () => {
    const { upstream, target } = stack;
    const route = routeFor(target, 'S1', upstream);
    expect(route.headers.authorization).toMatch(/^Bearer sk-tb-/);
    // Autocannon workers rebuild the route from its spec: the key goes with it.
    expect(route.spec.headers).toEqual({ authorization: route.headers.authorization });
    const probe = createProbe({ port: target.port, route });
    const keyless = createProbe({
      port: target.port,
      route: routeFor({ name: 'toolbridge' }, 'S1', upstream),
    });
    try {
      for (let request = 0; request < 3; request++) expect((await probe.call()).problem).toBeNull();
      expect((await keyless.call()).problem).toMatch(/^HTTP 401/);
    } finally {
      await Promise.all([probe.close(), keyless.close()]);
    }
  });

  it('books usage and cost against the key: its project in the log, priced', async () => {
    const { upstream, target } = stack;
    const probe = createProbe({ port: target.port, route: routeFor(target, 'S4t', upstream) });
    try {
      expect((await probe.call()).problem).toBeNull();
    } finally {
      await probe.close();
    }
    // The access log is asynchronous: wait for the line of the request above.
    let lines: Record<string, unknown>[] = [];
    for (let attempt = 0; attempt < 50 && !lines.some((line) => line['project'] === 'bench'); attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      lines = readFileSync(target.logPath, 'utf8')
        .split('\n')
        .filter((line) => line.startsWith('{'))
        .map((line) => JSON.parse(line) as Record<string, unknown>);
    }
    const served = lines.filter((line) => line['project'] === 'bench' && line['status'] === 200);
    expect(served.length).toBeGreaterThan(0);
    expect(
      served.every((line) => typeof line['costUsd'] === 'number' && (line['costUsd'] as number) > 0),
    ).toBe(true);
  });

  it('refuses request pairs (S3): a key there is not supported', () => {
    const { upstream, target } = stack;
    expect(() => routeFor(target, 'S3', upstream)).toThrow(/no target headers on request pairs/);
  });
});

describe('bench --access', () => {
  it("times each step of a virtual key's store work, its writes alone and 16 per turn", async () => {
    const { rows, ratio, file } = await runAccessCost({ quick: true, write: false });
    expect(file).toBeNull();
    expect(rows.map((row: { step: string }) => row.step)).toEqual([
      'find the key',
      'read the spend',
      'take a request, alone',
      'take a request, 16 per turn',
      'book the answer, alone',
      'book the answer, 16 per turn',
    ]);
    for (const row of rows) expect(row.us).toBeGreaterThan(0);
    expect(ratio).toBeCloseTo((rows[3].us + rows[5].us) / (rows[2].us + rows[4].us), 10);
  }, 60_000);
});
