// Closed-loop throughput with autocannon (fixed connections, bounded by duration and request count),
// while a side probe samples and verifies responses under that load.
import { setTimeout as sleep } from 'node:timers/promises';
import { createProbe } from './probe.mjs';
import { watchProcesses } from './proc-stats.mjs';
import { responseIdOf } from './scenarios.mjs';
import { median } from './stats.mjs';

function autocannonOptions({ port, route, connections, durationS, maxRequests }) {
  // autocannon ignores a top-level `path`: a single-request run takes it in the URL.
  const origin = `http://127.0.0.1:${route.port ?? port}`;
  const common = {
    url: route.turn1 === undefined ? `${origin}${route.path}` : origin,
    connections,
    duration: durationS,
    maxOverallRequests: Math.max(maxRequests, connections),
    timeout: 10,
    pipelining: 1,
    // autocannon only checks for the end of the window once per sample interval (default 1 s).
    sampleInt: 100,
  };
  if (route.turn1 === undefined) {
    return { ...common, method: 'POST', headers: route.headers, body: route.body };
  }
  // Responses: each connection alternates turn 1 and its follow-up, which chains on turn 1's id.
  return {
    ...common,
    requests: [
      {
        method: 'POST',
        path: route.turn1.path,
        headers: route.turn1.headers,
        body: route.turn1.body,
        onResponse: (status, body, context) => {
          context.previousId = status === 200 ? responseIdOf(body) : undefined;
        },
      },
      {
        method: 'POST',
        path: route.turn1.path,
        headers: route.turn1.headers,
        setupRequest: (request, context) => ({
          ...request,
          body: route.turn2(context.previousId ?? 'resp_missing').body,
        }),
      },
    ],
  };
}

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
export async function warmUp({ autocannon, port, route, connections, durationS, maxRequests }) {
  if (durationS > 0)
    await autocannon(autocannonOptions({ port, route, connections, durationS, maxRequests }));
}

/**
 * One measured window with a sampler alongside. CPU and RSS of the target, how busy core 0 was
 * (upstream + this load generator), and other jobs' CPU come from /proc over the window.
 */
export async function measureWindow({
  autocannon,
  port,
  route,
  connections,
  durationS,
  maxRequests,
  sampleEveryMs,
  pids,
}) {
  const stopSampler = new AbortController();
  const sampling = sampleWhile({ port, route, everyMs: sampleEveryMs, signal: stopSampler.signal });
  const watcher = watchProcesses([...new Set([pids.target, pids.upstream, process.pid, ...pids.others])]);
  const startUs = Number(process.hrtime.bigint() / 1000n);
  const result = await autocannon(autocannonOptions({ port, route, connections, durationS, maxRequests }));
  const endUs = Number(process.hrtime.bigint() / 1000n);
  const usage = watcher.stop();
  stopSampler.abort();
  const samples = await sampling;
  const ok = result['2xx'];
  const windowMs = result.duration * 1000;
  const target = usage.get(pids.target);
  // The sampler's requests also cost the target CPU: count them (a pair per call for Responses).
  const served = ok + (samples.ok + samples.failed) * (route.turn1 === undefined ? 1 : 2);
  const busy = (pid) => {
    const cpu = usage.get(pid)?.cpuMs;
    return cpu === null || cpu === undefined ? null : cpu / windowMs;
  };
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
    cpuMsPer1k: target.cpuMs === null || served === 0 ? null : (target.cpuMs / served) * 1000,
    targetBusy: busy(pids.target),
    upstreamBusy: pids.upstream === pids.target ? null : busy(pids.upstream),
    loaderBusy: busy(process.pid),
    peakRssMb: target.peakRssMb,
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
    targetBusy: pick('targetBusy'),
    upstreamBusy: pick('upstreamBusy'),
    loaderBusy: pick('loaderBusy'),
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
