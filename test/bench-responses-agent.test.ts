// Bench S4r (S4 as a Responses request) and --chain (following a previous_response_id chain): the
// request has S4's conversation and tools in the Responses shape, toolbridge answers it with the expected
// call, and the chain measurement compares two reads that give the same items.
import { describe, expect, it } from 'vitest';
// (The bench is plain JavaScript; this file is run by Vitest, not type-checked.)
import { runChainLoad } from '../bench/chain.mjs';
import { createProbe } from '../bench/lib/probe.mjs';
import { routeFor } from '../bench/lib/scenarios.mjs';
import { toolbridgeStack } from './bench-stack.case.js';

const fakeUpstream = { port: 1, pacedPort: 2 };

describe('bench scenario S4r', () => {
  it("is S4's conversation and tools in the Responses shape, streamed and not stored", () => {
    const s4 = JSON.parse(routeFor({ name: 'toolbridge' }, 'S4', fakeUpstream).body as string);
    const route = routeFor({ name: 'toolbridge' }, 'S4r', fakeUpstream);
    expect(route.path).toBe('/v1/responses');
    const body = JSON.parse(route.body as string);
    expect(body).toMatchObject({ stream: true, store: false, tool_choice: 'auto' });
    expect(body.tools).toEqual(
      s4.tools.map((tool: { function: object }) => ({ type: 'function', ...tool.function })),
    );
    const calls = body.input.filter((item: { type: string }) => item.type === 'function_call');
    const results = body.input.filter((item: { type: string }) => item.type === 'function_call_output');
    expect(calls).toHaveLength(19);
    expect(results.map((item: { call_id: string }) => item.call_id)).toEqual(
      calls.map((item: { call_id: string }) => item.call_id),
    );
    // Only toolbridge translates; the relay and Portkey do not serve it.
    expect(routeFor({ name: 'bare' }, 'S4r', fakeUpstream)).toBeNull();
  });

  describe('through toolbridge', () => {
    const stack = toolbridgeStack('bench-s4r-');

    it('streams the expected tool call for every request', async () => {
      const { upstream, target } = stack;
      const probe = createProbe({ port: target.port, route: routeFor(target, 'S4r', upstream) });
      try {
        for (let request = 0; request < 5; request++) expect((await probe.call()).problem).toBeNull();
      } finally {
        await probe.close();
      }
    });
  });
});

describe('bench --chain', () => {
  it('measures both reads of the same chain at each depth (they must return the same items)', async () => {
    const { rows, file } = await runChainLoad({ quick: true, write: false });
    expect(file).toBeNull();
    expect(rows.map((row: { depth: number }) => row.depth)).toEqual([1, 5, 10]);
    for (const row of rows) {
      expect(row.recordsUs).toBeGreaterThan(0);
      expect(row.itemsUs).toBeGreaterThan(0);
      expect(row.ratio).toBeCloseTo(row.itemsUs / row.recordsUs, 10);
    }
  }, 60_000);
});
