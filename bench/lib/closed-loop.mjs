// Closed-loop throughput with the run's load generator (wrk, or autocannon workers; fixed connections,
// bounded by duration), while a side probe samples and verifies responses under that load.
import { setTimeout as sleep } from 'node:timers/promises';
import { createProbe } from './probe.mjs';
import { reapedChildrenCpuMs, watchProcesses } from './proc-stats.mjs';
import { median } from './stats.mjs';

/** Verifies one response every `everyMs` on its own connection until `signal` aborts. */
async function sampleWhile({ port, route, everyMs, signal }) {
  const probe = createProbe({ port, route });
  const samples = { ok: 0, failed: 0, problems: [] };
  try {
    while (!signal.aborted) {
      const result = await probe.call();
      if (result.problem) {
        samples.failed += 1;
        if (samples.problems.length < 3) samples.problems.push(result.problem);
      } else samples.ok += 1;
      await sleep(everyMs, undefined, { signal }).catch(() => undefined);
    }
  } finally {
    await probe.close();
  }
  return samples;
}

/** Unmeasured load to warm the target up (JIT, pools, store pages). */
export async function warmUp({ generator, port, route, connections, durationS, maxRequests }) {
  if (durationS > 0) await generator.run({ port, route, connections, durationS, maxRequests });
}

/** The pids whose CPU is the target's: a process, or a cluster primary and its workers. */
const targetPidsOf = (pids) => (Array.isArray(pids.target) ? pids.target : [pids.target]);

/**
 * One measured window with a sampler alongside. CPU and RSS of the target, the generator's and the
 * upstream's CPU, how busy each core was, and other jobs' CPU come from /proc over the window.
 */
export async function measureWindow({
  generator,
  port,
  route,
  connections,
  durationS,
  maxRequests,
  sampleEveryMs,
  pids,
}) {
  const targetPids = targetPidsOf(pids);
  const stopSampler = new AbortController();
  const sampling = sampleWhile({ port, route, everyMs: sampleEveryMs, signal: stopSampler.signal });
  const watched = [...new Set([...targetPids, pids.upstream, process.pid, ...pids.others])];
  const watcher = watchProcesses(watched);
  const reapedBefore = reapedChildrenCpuMs();
  const startUs = Number(process.hrtime.bigint() / 1000n);
  const result = await generator.run({ port, route, connections, durationS, maxRequests });
  const endUs = Number(process.hrtime.bigint() / 1000n);
  // The generator has exited and been waited for: its CPU is in this process's children's times.
  const generatorCpuMs = reapedChildrenCpuMs() - reapedBefore;
  const usage = watcher.stop({ extraMs: generatorCpuMs });
  stopSampler.abort();
  const samples = await sampling;
  const ok = result.ok;
  const windowMs = result.duration * 1000;
  const targetCpus = targetPids.map((pid) => usage.get(pid)?.cpuMs ?? null);
  const targetCpuMs = targetCpus.includes(null) ? null : targetCpus.reduce((sum, value) => sum + value, 0);
  // The sampler's requests also cost the target CPU: count them (a pair per call for Responses).
  const served = ok + (samples.ok + samples.failed) * (route.turn1 === undefined ? 1 : 2);
  const busy = (pid) => {
    const cpu = usage.get(pid)?.cpuMs;
    return cpu === null || cpu === undefined ? null : cpu / windowMs;
  };
  const upstreamIsTarget = targetPids.includes(pids.upstream);
  const upstreamCpuMs = upstreamIsTarget ? null : usage.get(pids.upstream)?.cpuMs;
  const harnessCpuMs = usage.get(process.pid)?.cpuMs ?? 0;
  return {
    durationS: result.duration,
    requests: ok,
    rps: ok / result.duration,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    maxMs: result.latency.max,
    errors: result.errors,
    timeouts: result.timeouts,
    non2xx: result.non2xx,
    cpuMsPer1k: targetCpuMs === null || served === 0 ? null : (targetCpuMs / served) * 1000,
    targetBusy: targetCpuMs === null ? null : targetCpuMs / windowMs,
    upstreamBusy: upstreamIsTarget ? null : busy(pids.upstream),
    // Generator process(es) plus this harness (sampler, /proc polling): all of it runs on core 0.
    loaderBusy: (generatorCpuMs + harnessCpuMs) / windowMs,
    generatorUsPerRequest: served === 0 ? null : (generatorCpuMs * 1000) / served,
    upstreamUsPerRequest: served === 0 || upstreamCpuMs == null ? null : (upstreamCpuMs * 1000) / served,
    coreBusy: usage.machine.coreBusy,
    peakRssMb: Math.max(...targetPids.map((pid) => usage.get(pid)?.peakRssMb ?? 0)),
    // Cores' worth of CPU used by other jobs on the machine during the window (noise), and steal.
    foreignBusy: usage.machine.foreignBusy,
    steal: usage.machine.steal,
    samples,
    monotonicUs: { start: startUs, end: endUs },
  };
}

/** Combines repeated windows of one scenario × target: medians, summed errors, worst noise. */
export function combineWindows(windows) {
  const pick = (key) => median(windows.map((window) => window[key]));
  const sum = (key) => windows.reduce((total, window) => total + (window[key] ?? 0), 0);
  const cores = Math.max(...windows.map((window) => window.coreBusy?.length ?? 0));
  return {
    windows: windows.length,
    durationS: sum('durationS'),
    requests: sum('requests'),
    rps: pick('rps'),
    rpsMin: Math.min(...windows.map((window) => window.rps)),
    rpsMax: Math.max(...windows.map((window) => window.rps)),
    p50Ms: pick('p50Ms'),
    p99Ms: pick('p99Ms'),
    maxMs: Math.max(...windows.map((window) => window.maxMs)),
    errors: sum('errors'),
    timeouts: sum('timeouts'),
    non2xx: sum('non2xx'),
    cpuMsPer1k: pick('cpuMsPer1k'),
    cpuMsPer1kMin: Math.min(...windows.map((window) => window.cpuMsPer1k ?? Number.POSITIVE_INFINITY)),
    cpuMsPer1kMax: Math.max(...windows.map((window) => window.cpuMsPer1k ?? 0)),
    targetBusy: pick('targetBusy'),
    upstreamBusy: pick('upstreamBusy'),
    loaderBusy: pick('loaderBusy'),
    generatorUsPerRequest: pick('generatorUsPerRequest'),
    upstreamUsPerRequest: pick('upstreamUsPerRequest'),
    coreBusy: Array.from({ length: cores }, (_, index) =>
      median(windows.map((window) => window.coreBusy?.[index] ?? null)),
    ),
    peakRssMb: Math.max(...windows.map((window) => window.peakRssMb)),
    foreignBusy: Math.max(...windows.map((window) => window.foreignBusy)),
    steal: Math.max(...windows.map((window) => window.steal)),
    samples: {
      ok: windows.reduce((total, window) => total + window.samples.ok, 0),
      failed: windows.reduce((total, window) => total + window.samples.failed, 0),
      problems: windows.flatMap((window) => window.samples.problems).slice(0, 3),
    },
    perWindow: windows.map(({ samples, monotonicUs, ...rest }) => rest),
  };
}
