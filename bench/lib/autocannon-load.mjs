// Closed-loop load with autocannon when wrk is not installed: several worker processes
// (`bench/autocannon-worker.mjs`), each pinned to the load core with its share of the connections.
// Each rebuilds its route from the scenario key and target name (functions cannot cross processes).
import { join } from 'node:path';
import { REPO_ROOT } from './deps.mjs';
import { firstJsonLine, spawnNode } from './processes.mjs';
import { responseIdOf } from './scenarios.mjs';

/** autocannon's options for one route (a Responses route alternates turn 1 and its follow-up). */
export function autocannonOptions({ port, route, connections, durationS, maxRequests }) {
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
  if (route.bodies !== undefined) {
    // Several bodies (S4t): each connection sends them in order, round and round.
    return {
      ...common,
      url: origin,
      requests: route.bodies.map((body) => ({
        method: 'POST',
        path: route.path,
        headers: route.headers,
        body,
      })),
    };
  }
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

/**
 * Runs `workers` autocannon processes on `core`, splitting `connections` among them, and merges their
 * figures: 2xx and errors summed, p50 weighted by each worker's requests, p99 and max the worst
 * worker's (autocannon reports percentiles, not its histogram; the merged p99 is an upper bound).
 */
export async function runAutocannonWorkers({
  port,
  route,
  connections,
  durationS,
  maxRequests,
  core,
  workers,
}) {
  const count = Math.max(1, Math.min(workers, connections));
  const entries = Array.from({ length: count }, (_, index) => {
    const share = Math.floor(connections / count) + (index < connections % count ? 1 : 0);
    const spec = {
      ...route.spec,
      port,
      connections: share,
      durationS,
      maxRequests: Math.ceil(maxRequests / count),
    };
    return spawnNode({
      name: `autocannon-${index}`,
      core,
      args: [join(REPO_ROOT, 'bench', 'autocannon-worker.mjs'), JSON.stringify(spec)],
      cwd: REPO_ROOT,
    });
  });
  const results = await Promise.all(
    entries.map((entry) => firstJsonLine(entry, entry.child.stdout, (durationS + 30) * 1000)),
  );
  await Promise.all(
    entries.map((entry) =>
      entry.exited ? null : new Promise((resolve) => entry.child.once('exit', resolve)),
    ),
  );
  const total = (key) => results.reduce((sum, result) => sum + result[key], 0);
  const ok = total('ok');
  return {
    duration: Math.max(...results.map((result) => result.duration)),
    ok,
    non2xx: total('non2xx'),
    errors: total('errors'),
    timeouts: total('timeouts'),
    latency: {
      p50: ok > 0 ? results.reduce((sum, result) => sum + result.latency.p50 * result.ok, 0) / ok : null,
      p90: Math.max(...results.map((result) => result.latency.p90)),
      p99: Math.max(...results.map((result) => result.latency.p99)),
      max: Math.max(...results.map((result) => result.latency.max)),
      mean: ok > 0 ? results.reduce((sum, result) => sum + result.latency.mean * result.ok, 0) / ok : null,
    },
    pids: entries.map((entry) => entry.pid),
  };
}
