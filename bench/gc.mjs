// `npm run bench -- --gc`: toolbridge under S1, S2 and S3 (or --scenarios=...) with V8's
// `--trace-gc-nvp`, one gateway process per scenario, then what its garbage collector did in the
// measured window: scavenges, bytes promoted per scavenge, pauses, full collections (ADR 0007).
// Promotion is the figure to watch: a request's objects should die young, so `promoted` per scavenge
// stays near zero; when it does not, every scavenge copies them and the old space fills with garbage.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { measureWindow, warmUp } from './lib/closed-loop.mjs';
import { createLoadGenerator } from './lib/load-generator.mjs';
import { installCleanup, pinProcess, stopChild } from './lib/processes.mjs';
import { routeFor } from './lib/scenarios.mjs';
import { CORES, PINNED, startToolbridge, startUpstream } from './lib/stack.mjs';
import { renderTable } from './lib/table.mjs';

const TRACEABLE = ['S1', 'S2', 'S3', 'S4'];

/** One `--trace-gc-nvp` line as numbers (and the `gc` kind: s = scavenge, mc / ms = full). */
export function parseNvpLine(line) {
  const at = /\s(\d+) ms: pause=/.exec(line);
  if (at === null) return null;
  const fields = { atMs: Number(at[1]) };
  for (const [, key, value] of line.matchAll(/([a-z_.]+)=(\S+)/g)) {
    fields[key] = key === 'gc' ? value : Number.parseFloat(value);
  }
  return fields;
}

/** Sums the collections that started within [fromMs, toMs] of the process's clock. */
export function summarizeGc(lines, { fromMs, toMs, requests }) {
  const events = lines
    .map(parseNvpLine)
    .filter((event) => event && event.atMs >= fromMs && event.atMs <= toMs);
  const scavenges = events.filter((event) => event.gc === 's');
  const full = events.filter((event) => event.gc !== 's');
  const sum = (list, key) => list.reduce((total, event) => total + (event[key] ?? 0), 0);
  const pauseMs = sum(events, 'pause');
  return {
    scavenges: scavenges.length,
    fullCollections: full.length,
    promotedMbPerScavenge: scavenges.length === 0 ? 0 : sum(scavenges, 'promoted') / scavenges.length / 1e6,
    allocatedMbPerScavenge: scavenges.length === 0 ? 0 : sum(scavenges, 'allocated') / scavenges.length / 1e6,
    meanScavengeMs: scavenges.length === 0 ? 0 : sum(scavenges, 'pause') / scavenges.length,
    maxPauseMs: events.reduce((max, event) => Math.max(max, event.pause ?? 0), 0),
    pauseMsPer1k: requests === 0 ? null : (pauseMs / requests) * 1000,
  };
}

/** Traces toolbridge's GC under each scenario and prints one row per scenario. */
export async function runGcTrace(options) {
  installCleanup();
  if (PINNED) pinProcess(process.pid, CORES.load);
  const workDir = mkdtempSync(join(tmpdir(), 'toolbridge-gc-'));
  const generator = createLoadGenerator({ options, core: CORES.load, workDir });
  const scenarios = options.scenariosGiven
    ? TRACEABLE.filter((key) => options.scenarios.includes(key))
    : ['S1', 'S2', 'S3'];
  const upstream = await startUpstream();
  const rows = [];
  try {
    for (const scenario of scenarios)
      rows.push(await traceOne({ generator, options, upstream, workDir, scenario }));
  } finally {
    await stopChild(upstream.entry);
  }
  process.stdout.write(
    `\nGarbage collection in toolbridge (${options.profileSeconds} s at c=${options.connections} per scenario, after a 1 s warm-up)\n`,
  );
  process.stdout.write(
    `${renderTable(
      [
        'scen',
        'req/s',
        'scavenges',
        'alloc MB/scav',
        'promoted MB/scav',
        'mean scav ms',
        'max pause ms',
        'full GCs',
        'GC pause ms/1k',
      ],
      rows.map((row) => [
        row.scenario,
        row.rps.toFixed(0),
        String(row.gc.scavenges),
        row.gc.allocatedMbPerScavenge.toFixed(1),
        row.gc.promotedMbPerScavenge.toFixed(3),
        row.gc.meanScavengeMs.toFixed(2),
        row.gc.maxPauseMs.toFixed(1),
        String(row.gc.fullCollections),
        row.gc.pauseMsPer1k === null ? '–' : row.gc.pauseMsPer1k.toFixed(1),
      ]),
    )}\n`,
  );
  process.stdout.write(`  trace logs: ${workDir}\n`);
}

async function traceOne({ generator, options, upstream, workDir, scenario }) {
  // V8 stamps each line with milliseconds since its isolate started, a few ms after the spawn.
  const spawnedAt = performance.now();
  const toolbridge = await startToolbridge(upstream, {
    workDir,
    logLevel: options.logLevel,
    label: `toolbridge-gc-${scenario}`,
    nodeFlags: ['--trace-gc-nvp'],
    metrics: options.metrics,
  });
  const route = routeFor({ name: 'toolbridge' }, scenario, upstream);
  const common = {
    generator,
    port: toolbridge.port,
    route,
    connections: options.connections,
    maxRequests: 1_000_000,
  };
  process.stderr.write(
    `tracing GC of toolbridge under ${scenario}: ${options.profileSeconds} s at c=${options.connections}\n`,
  );
  await warmUp({ ...common, durationS: 1 });
  const fromMs = performance.now() - spawnedAt;
  const window = await measureWindow({
    ...common,
    durationS: options.profileSeconds,
    sampleEveryMs: 500,
    pids: { target: toolbridge.pid, upstream: upstream.pid, others: [] },
  });
  const toMs = performance.now() - spawnedAt;
  await stopChild(toolbridge.entry, 10_000);
  const lines = readFileSync(toolbridge.logPath, 'utf8').split('\n');
  const served =
    window.requests + (window.samples.ok + window.samples.failed) * (route.turn1 === undefined ? 1 : 2);
  if (window.samples.failed > 0)
    throw new Error(`${scenario}: ${window.samples.failed} sampled responses were wrong`);
  return { scenario, rps: window.rps, gc: summarizeGc(lines, { fromMs, toMs, requests: served }) };
}
