// Child process: one autocannon load-generator worker (used when wrk is not installed). argv[2] is a
// JSON spec: {scenario, target, upstream: {port, pacedPort}, headers?, port, connections, durationS,
// maxRequests} (`headers`: the target's own, such as a key).
// Prints one JSON line with the run's figures on stdout, then exits.
import { autocannonOptions } from './lib/autocannon-load.mjs';
import { loadAutocannon } from './lib/deps.mjs';
import { routeFor } from './lib/scenarios.mjs';

const spec = JSON.parse(process.argv[2] ?? '{}');
const route = routeFor({ name: spec.target, headers: spec.headers }, spec.scenario, spec.upstream);
const autocannon = loadAutocannon();
const result = await autocannon(autocannonOptions({ ...spec, route }));
process.stdout.write(
  `${JSON.stringify({
    duration: result.duration,
    ok: result['2xx'],
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    latency: {
      p50: result.latency.p50,
      p90: result.latency.p90,
      p99: result.latency.p99,
      max: result.latency.max,
      mean: result.latency.mean,
    },
  })}\n`,
);
