// Sequential (one connection) latency, interleaved across targets: R rounds, each sending N requests
// to every target in a rotating order, so drift on this shared machine hits all targets alike.
// Added latency = median over rounds of (target's round median − bare proxy's round median).
import { performance } from 'node:perf_hooks';
import { createProbe } from './probe.mjs';
import { cpuMs, watchProcesses } from './proc-stats.mjs';
import { median, quantile } from './stats.mjs';

const METRICS = ['totalMs', 'firstByteMs', 'firstArgsMs'];

function summarise(samples) {
  const summary = {};
  for (const metric of METRICS) {
    const values = samples.map((sample) => sample[metric]).filter((value) => typeof value === 'number');
    if (values.length === 0) continue;
    summary[metric] = { p50: median(values), p99: quantile(values, 0.99) };
  }
  return summary;
}

/**
 * `targets`: [{name, port, route, pids}] (route from routeFor; pids: the target's processes, for its
 * CPU per request). Returns per target: all-sample p50/p99, median of round medians per metric, CPU
 * per request, and (for every target but bare) the added latency over bare.
 */
export async function runInterleaved({ targets, rounds, perRound, warmup, maxSeconds, pids = [] }) {
  const deadline = performance.now() + maxSeconds * 1000;
  const watcher = watchProcesses([process.pid, ...pids], 1_000);
  const probes = new Map(targets.map((target) => [target.name, createProbe(target)]));
  const state = new Map(
    targets.map((target) => [target.name, { samples: [], rounds: [], failures: [], cpuMs: 0, calls: 0 }]),
  );
  // The target's own CPU over its rounds (its processes' utime + stime), per request sent.
  const targetCpuMs = (target) =>
    target.pids?.length ? target.pids.reduce((sum, pid) => sum + (cpuMs(pid) ?? Number.NaN), 0) : Number.NaN;
  try {
    for (const [, probe] of probes) for (let index = 0; index < warmup; index++) await probe.call();
    for (let round = 0; round < rounds && performance.now() < deadline; round++) {
      const order = targets.map((_, index) => targets[(index + round) % targets.length]);
      for (const target of order) {
        const entry = state.get(target.name);
        const roundSamples = [];
        const cpuBefore = targetCpuMs(target);
        for (let index = 0; index < perRound && performance.now() < deadline; index++) {
          entry.calls++;
          const result = await probes.get(target.name).call();
          if (result.problem) {
            entry.failures.push(result.problem);
            continue;
          }
          roundSamples.push(result.turn2 ? { ...result, turn2Ms: result.turn2.totalMs } : result);
        }
        entry.cpuMs += targetCpuMs(target) - cpuBefore;
        entry.samples.push(...roundSamples);
        entry.rounds.push(summarise(roundSamples));
      }
    }
  } finally {
    await Promise.all([...probes.values()].map((probe) => probe.close()));
  }
  const results = finish(state);
  // Other jobs' CPU during this scenario, in cores (noise indicator, as in the closed loop).
  results.foreignBusy = watcher.stop().machine.foreignBusy;
  return results;
}

function roundMedian(rounds, metric) {
  return median(rounds.map((round) => round[metric]?.p50));
}

function finish(state) {
  const bare = state.get('bare');
  const results = {};
  for (const [name, entry] of state) {
    const result = {
      requests: entry.samples.length,
      failures: entry.failures.length,
      firstFailure: entry.failures[0] ?? null,
      all: summarise(entry.samples),
      roundMedian: Object.fromEntries(METRICS.map((metric) => [metric, roundMedian(entry.rounds, metric)])),
      // At one connection a process spends more CPU per request than under load (a wake-up per
      // request, nothing to coalesce): this is the CPU behind the latency above. Null: no pid known.
      cpuUsPerRequest:
        entry.calls > 0 && Number.isFinite(entry.cpuMs) ? (entry.cpuMs * 1000) / entry.calls : null,
    };
    if (entry.samples.some((sample) => sample.turn2Ms !== undefined)) {
      const turn2 = entry.samples.map((sample) => sample.turn2Ms);
      result.turn2 = { p50: median(turn2), p99: quantile(turn2, 0.99) };
      result.turn1 = result.all.totalMs;
    }
    if (bare && name !== 'bare') {
      result.addedOverBare = {};
      for (const metric of METRICS) {
        const differences = entry.rounds
          .map((round, index) => {
            const mine = round[metric]?.p50;
            const theirs = bare.rounds[index]?.[metric]?.p50;
            return typeof mine === 'number' && typeof theirs === 'number' ? mine - theirs : null;
          })
          .filter((value) => value !== null);
        if (differences.length === 0) continue;
        result.addedOverBare[metric] = {
          median: median(differences),
          q1: quantile(differences, 0.25),
          q3: quantile(differences, 0.75),
        };
      }
    }
    results[name] = result;
  }
  return results;
}
