// `npm run bench -- --access`: what a virtual key costs the gateway's store per request, in one process
// and one run, on one SQLite file (the built store, packages/gateway/dist). A request on a key with
// limits and a budget does: find the key by its hash, read the period's spend, take a request from
// the minute's window (a write), then book the answer's tokens and cost (`addUsage`, one write). The
// store commits the writes of one event-loop turn together (group commit), so the two writes are
// timed alone (one request at a time: a transaction each) and 16 per turn (16 requests in flight, as
// under the closed loop's 16 connections: one transaction for the 16). The steps alternate in
// rounds, so drift on this shared machine falls on all of them.
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createVirtualKey, openAccessStore } from '@toolbridge/gateway';
import { median, microsecondsPerCall } from './lib/stats.mjs';
import { fixed, renderTable } from './lib/table.mjs';
import { writeResult } from './lib/write-result.mjs';

const ROUNDS = { full: 9, quick: 3 };
const CALLS = { full: 5_000, quick: 500 };
/** Requests in flight for the "per turn" steps: the closed loop's connections. */
const IN_FLIGHT = 16;

/** A step that issues `IN_FLIGHT` calls in one turn and waits for all; timed per call. */
function inFlight(call) {
  return { per: IN_FLIGHT, call: () => Promise.all(Array.from({ length: IN_FLIGHT }, call)) };
}

/** Runs the measurement; returns { rows, file }. */
export async function runAccessCost(options) {
  const profile = options.quick ? 'quick' : 'full';
  const dir = mkdtempSync(join(tmpdir(), 'toolbridge-access-'));
  const store = await openAccessStore(join(dir, 'access.db'));
  const rows = [];
  try {
    const { key } = await createVirtualKey(store, {
      project: 'bench',
      rpm: 1_000_000_000,
      tpm: 1_000_000_000_000,
      budget: { usd: 1_000_000, period: 'month' },
    });
    const keyHash = createHash('sha256').update(key).digest('hex');
    const { id: keyId } = await store.findKeyByHash(keyHash);
    const tokens = { windowStart: 60, tokens: 12 };
    const spend = { periodStart: 0, nanoUsd: 1_234 };
    const take = () => store.takeRequest({ keyId, windowStart: 60, rpm: 1_000_000_000, tpm: null });
    const book = () => store.addUsage({ keyId, tokens, spend });
    const steps = {
      'find the key': { per: 1, call: () => store.findKeyByHash(keyHash) },
      'read the spend': { per: 1, call: () => store.getSpend({ keyId, periodStart: 0 }) },
      'take a request, alone': { per: 1, call: take },
      [`take a request, ${IN_FLIGHT} per turn`]: inFlight(take),
      'book the answer, alone': { per: 1, call: book },
      [`book the answer, ${IN_FLIGHT} per turn`]: inFlight(book),
    };
    const timed = async ({ per, call }, calls) => (await microsecondsPerCall(call, calls / per)) / per;
    const samples = Object.fromEntries(Object.keys(steps).map((name) => [name, []]));
    for (const step of Object.values(steps)) await timed(step, CALLS[profile] / 5);
    for (let round = 0; round < ROUNDS[profile]; round++)
      for (const [name, step] of Object.entries(steps)) samples[name].push(await timed(step, CALLS[profile]));
    for (const [name, values] of Object.entries(samples)) rows.push({ step: name, us: median(values) });
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
  const us = (step) => rows.find((row) => row.step === step).us;
  // A request's two writes, committed with 15 other requests' ÷ each committed alone.
  const ratio =
    (us(`take a request, ${IN_FLIGHT} per turn`) + us(`book the answer, ${IN_FLIGHT} per turn`)) /
    (us('take a request, alone') + us('book the answer, alone'));
  process.stdout.write(
    `\nA virtual key's store work per request (SQLite, median of ${ROUNDS[profile]} rounds × ${CALLS[profile]} calls)\n`,
  );
  process.stdout.write(
    `${renderTable(
      ['step', 'µs'],
      rows.map((row) => [row.step, fixed(row.us, 1)]),
    )}\n`,
  );
  process.stdout.write(
    `a request's two writes, ${IN_FLIGHT} requests per turn ÷ one at a time: ${fixed(ratio, 2)}×\n`,
  );
  const file = options.write
    ? writeResult(
        { schema: 'toolbridge-bench-access/2', rows, inFlight: IN_FLIGHT, groupCommitRatio: ratio },
        { suffix: '-access' },
      )
    : null;
  if (file !== null) process.stdout.write(`written: ${file}\n`);
  return { rows, ratio, file };
}
