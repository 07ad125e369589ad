// `npm run bench -- --access`: what a virtual key costs the gateway's store per request, in one process
// and one run, on one SQLite file (the built store, packages/gateway/dist). A request on a key with
// limits and a budget does: find the key by its hash, read the period's spend, take a request from
// the minute's window (a write), then book the answer's tokens and cost. Booking is timed two ways:
// two writes (`addTokens` + `addSpend`, the gateway's way before) and one (`addUsage`, its way now).
// The two alternate in rounds, so drift on this shared machine falls on both.
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
    const steps = {
      'find the key': () => store.findKeyByHash(keyHash),
      'read the spend': () => store.getSpend({ keyId, periodStart: 0 }),
      'take a request': () => store.takeRequest({ keyId, windowStart: 60, rpm: 1_000_000_000, tpm: null }),
      'book: two writes (before)': async () => {
        await store.addTokens({ keyId, ...tokens });
        await store.addSpend({ keyId, ...spend });
      },
      'book: one write (now)': () => store.addUsage({ keyId, tokens, spend }),
    };
    const samples = Object.fromEntries(Object.keys(steps).map((name) => [name, []]));
    for (const step of Object.values(steps)) await microsecondsPerCall(step, CALLS[profile] / 5);
    for (let round = 0; round < ROUNDS[profile]; round++)
      for (const [name, step] of Object.entries(steps))
        samples[name].push(await microsecondsPerCall(step, CALLS[profile]));
    for (const [name, values] of Object.entries(samples)) rows.push({ step: name, us: median(values) });
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
  const us = (step) => rows.find((row) => row.step === step).us;
  const ratio = us('book: one write (now)') / us('book: two writes (before)');
  process.stdout.write(
    `\nA virtual key's store work per request (SQLite, median of ${ROUNDS[profile]} rounds × ${CALLS[profile]} calls)\n`,
  );
  process.stdout.write(
    `${renderTable(
      ['step', 'µs'],
      rows.map((row) => [row.step, fixed(row.us, 1)]),
    )}\n`,
  );
  process.stdout.write(`booking, one write ÷ two writes: ${fixed(ratio, 2)}×\n`);
  const file = options.write
    ? writeResult({ schema: 'toolbridge-bench-access/1', rows, bookingRatio: ratio }, { suffix: '-access' })
    : null;
  if (file !== null) process.stdout.write(`written: ${file}\n`);
  return { rows, ratio, file };
}
