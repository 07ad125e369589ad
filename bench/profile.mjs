// `npm run bench -- --profile`: toolbridge under S1, S2, S3 and S4 (or --scenarios=...) with
// `node --cpu-prof`, one gateway process per scenario, then a summary of where its CPU time went. The .cpuprofile files stay in a temporary
// directory (open them in Chrome DevTools); the summary goes to bench/results/<stamp>-profile.json.

import { mkdirSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { measureWindow, warmUp } from './lib/closed-loop.mjs';
import { describeEnvironment } from './lib/environment.mjs';
import { createLoadGenerator } from './lib/load-generator.mjs';
import { CLOCK_TICKS } from './lib/proc-stats.mjs';
import { installCleanup, pinProcess, stopChild } from './lib/processes.mjs';
import { routeFor } from './lib/scenarios.mjs';
import { CORES, PINNED, startBareProxy, startFloor, startToolbridge, startUpstream } from './lib/stack.mjs';
import { renderSummary, summarizeCpuProfile } from './lib/summarize-cpuprofile.mjs';
import { writeResult } from './lib/write-result.mjs';

const PROFILABLE = ['S1', 'S2', 'S3', 'S4', 'S4t', 'S4r', 'S1r', 'S2r', 'S1a', 'S2a', 'S1g', 'S2g'];

/** Profiles toolbridge under S1, S2, S3 and S4, or under the closed-loop scenarios --scenarios names. */
export async function runProfile(options) {
  installCleanup();
  const pinned = PINNED && pinProcess(process.pid, CORES.load);
  const environment = describeEnvironment({ pinned, clockTicks: CLOCK_TICKS });
  const workDir = mkdtempSync(join(tmpdir(), 'toolbridge-profile-'));
  const generator = createLoadGenerator({ options, core: CORES.load, workDir });
  // --targets=keys: the gateway with every request on a virtual key with limits (S1 and S4t by default).
  const keys = options.targetsGiven === true && options.targets.includes('keys');
  const scenarios = options.scenariosGiven
    ? PROFILABLE.filter((key) => options.scenarios.includes(key))
    : keys
      ? ['S1', 'S4t']
      : ['S1', 'S2', 'S3', 'S4'];
  const upstream = await startUpstream();
  const results = {};
  try {
    for (const scenario of scenarios) {
      const toolbridge = await profileOne({
        generator,
        options,
        upstream,
        workDir,
        scenario,
        target: keys ? 'keys' : 'toolbridge',
      });
      // A reference under the same load, which says which costs are toolbridge's own (per request, so
      // different rates compare): the bare relay where it can serve the scenario, else the S3 floor;
      // for a virtual key (--targets=keys), the open gateway, so the key's own costs stand out.
      const referenceName = keys
        ? 'toolbridge'
        : ['bare', 'floor'].find((name) => routeFor({ name }, scenario, upstream));
      const reference = referenceName
        ? await profileOne({ generator, options, upstream, workDir, scenario, target: referenceName })
        : null;
      const largest = largestCosts(toolbridge, reference);
      results[scenario] = {
        ...toolbridge,
        largest,
        ...(referenceName ? { [referenceName]: reference } : {}),
      };
      process.stdout.write(`\n${renderSummary(toolbridge.summary, title(scenario, toolbridge))}\n`);
      process.stdout.write(`  profile: ${toolbridge.profile}\n`);
      if (reference) {
        process.stdout.write(
          `\n${renderAreaComparison(toolbridge, reference, referenceName)}\n  ${referenceName} profile: ${reference.profile}\n`,
        );
      }
      process.stdout.write(`\n${renderLargest(scenario, largest, referenceName)}\n`);
    }
  } finally {
    await stopChild(upstream.entry);
  }
  if (options.write) {
    const file = writeResult(
      { schema: 1, environment, options, logLevel: options.logLevel, results },
      { suffix: '-profile' },
    );
    process.stdout.write(`\nsummary: ${file}\n`);
  }
}

function title(scenario, run) {
  return `${scenario} (${run.rps.toFixed(0)} req/s under profiling, ${run.cpuMsPer1k?.toFixed(0)} CPU ms/1k)`;
}

/** Starts `target` under --cpu-prof, loads it with `scenario` for --seconds, and summarises its profile. */
async function profileOne({ generator, options, upstream, workDir, scenario, target }) {
  const profileDir = join(workDir, `${scenario}-${target}`);
  mkdirSync(profileDir);
  const process_ =
    target === 'bare'
      ? await startBareProxy(upstream, { cpuProfDir: profileDir })
      : target === 'floor'
        ? await startFloor(upstream, { workDir: profileDir, cpuProfDir: profileDir })
        : await startToolbridge(upstream, {
            workDir,
            logLevel: options.logLevel,
            cpuProfDir: profileDir,
            label: `${target}-${scenario}`,
            metrics: options.metrics,
            keys: target === 'keys',
          });
  const route = routeFor(
    { name: target, serves: process_.serves, headers: process_.headers },
    scenario,
    upstream,
  );
  const common = {
    generator,
    port: process_.port,
    route,
    connections: options.connections,
    maxRequests: 1_000_000,
  };
  process.stderr.write(
    `profiling ${target} under ${scenario}: ${options.profileSeconds} s at c=${options.connections}\n`,
  );
  await warmUp({ ...common, durationS: 1 });
  const window = await measureWindow({
    ...common,
    durationS: options.profileSeconds,
    sampleEveryMs: 500,
    pids: { target: process_.pids ?? process_.pid, upstream: upstream.pid, others: [] },
  });
  await stopChild(process_.entry, 10_000);
  const file = readdirSync(profileDir).find((name) => name.endsWith('.cpuprofile'));
  if (!file) throw new Error(`no .cpuprofile written in ${profileDir} (did ${target} exit cleanly?)`);
  const profile = JSON.parse(readFileSync(join(profileDir, file), 'utf8'));
  const summary = summarizeCpuProfile(profile, {
    top: 30,
    fromUs: window.monotonicUs.start,
    toUs: window.monotonicUs.end,
  });
  if (summary.totalMs < 0.5 * window.durationS * 1000) {
    throw new Error(
      `the profile's clock does not match the window (${summary.totalMs} ms kept); cannot trim it`,
    );
  }
  // Requests the target served in the window (the sampler's too; a pair per call for Responses).
  const served =
    window.requests + (window.samples.ok + window.samples.failed) * (route.turn1 === undefined ? 1 : 2);
  return {
    profile: join(profileDir, file),
    rps: window.rps,
    cpuMsPer1k: window.cpuMsPer1k,
    requests: window.requests,
    served,
    errors: window.errors + window.non2xx,
    verified: window.samples,
    summary,
  };
}

/**
 * The three largest costs per request: toolbridge functions by self time and by inclusive time, and
 * the areas where toolbridge spends most beyond its reference (µs per request, under the profiler).
 */
function largestCosts(toolbridge, reference) {
  const perRequest = (run, ms) => (ms * 1000) / run.served;
  const top = (rows) =>
    rows.slice(0, 3).map((row) => ({ name: row.name, usPerRequest: perRequest(toolbridge, row.ms) }));
  const byArea = reference
    ? [...new Set([...toolbridge.summary.areas, ...reference.summary.areas].map((row) => row.name))]
        .map((name) => {
          const at = (run) => run.summary.areas.find((row) => row.name === name)?.ms ?? 0;
          return {
            name,
            usPerRequest: perRequest(toolbridge, at(toolbridge)) - perRequest(reference, at(reference)),
          };
        })
        .sort((a, b) => b.usPerRequest - a.usPerRequest)
        .slice(0, 3)
    : [];
  return {
    busyUsPerRequest: perRequest(toolbridge, toolbridge.summary.busyMs),
    selfTop3: top(toolbridge.summary.topSelf),
    inclusiveTop3: top(toolbridge.summary.topInclusiveToolbridge),
    areasBeyondReferenceTop3: byArea,
  };
}

function renderLargest(scenario, largest, referenceName) {
  const list = (rows) => rows.map((row) => `${row.usPerRequest.toFixed(1)} µs ${row.name}`).join('; ');
  return [
    `  ${scenario} largest costs per request (busy ${largest.busyUsPerRequest.toFixed(1)} µs under the profiler):`,
    `    self:      ${list(largest.selfTop3)}`,
    `    inclusive: ${list(largest.inclusiveTop3)}`,
    ...(referenceName ? [`    beyond ${referenceName}: ${list(largest.areasBeyondReferenceTop3)}`] : []),
  ].join('\n');
}

/** Microseconds per request by area, toolbridge beside its reference (profiler overhead included in both). */
function renderAreaComparison(toolbridge, bare, referenceName) {
  const perRequest = (run, ms) => (ms * 1000) / run.served;
  const names = new Set([...toolbridge.summary.areas, ...bare.summary.areas].map((row) => row.name));
  const lookup = (run, name) => run.summary.areas.find((row) => row.name === name)?.ms ?? 0;
  const rows = [...names]
    .map((name) => ({
      name,
      toolbridge: perRequest(toolbridge, lookup(toolbridge, name)),
      bare: perRequest(bare, lookup(bare, name)),
    }))
    .sort((a, b) => b.toolbridge - b.bare - (a.toolbridge - a.bare));
  const lines = [
    `  µs per request by area (self time under the profiler): toolbridge, ${referenceName}, difference`,
  ];
  for (const row of rows) {
    lines.push(
      `    ${row.toolbridge.toFixed(1).padStart(7)}  ${row.bare.toFixed(1).padStart(7)}  ${(row.toolbridge - row.bare >= 0 ? '+' : '') + (row.toolbridge - row.bare).toFixed(1).padStart(6)}  ${row.name}`,
    );
  }
  const total = (run) => perRequest(run, run.summary.busyMs);
  lines.push(
    `    ${total(toolbridge).toFixed(1).padStart(7)}  ${total(bare).toFixed(1).padStart(7)}  +${(total(toolbridge) - total(bare)).toFixed(1).padStart(6)}  busy total`,
  );
  return lines.join('\n');
}
