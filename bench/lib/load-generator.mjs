// The closed-loop load generator of a run: wrk when it is installed (C, one thread: a few µs of CPU per
// request, so the upstream and the generator can outrun the targets on one core), otherwise several
// autocannon worker processes. `--generator=wrk|autocannon` picks one; the result says which ran.
import { runAutocannonWorkers } from './autocannon-load.mjs';
import { loadAutocannon, toolVersions } from './deps.mjs';
import { runWrk, wrkVersion } from './wrk-load.mjs';

/**
 * The generator for `options` (`generator`: 'auto' | 'wrk' | 'autocannon'; `generatorWorkers`):
 * `{ name, version, describe, run({port, route, connections, durationS, maxRequests}) }`, all on `core`.
 */
export function createLoadGenerator({ options, core, workDir }) {
  const wrk = options.generator === 'autocannon' ? null : wrkVersion();
  if (options.generator === 'wrk' && wrk === null)
    throw new Error('--generator=wrk: wrk is not installed (apt-get install -y wrk; see bench/README.md)');
  if (wrk !== null) {
    return {
      name: 'wrk',
      version: wrk,
      describe: `wrk ${wrk} (1 thread, pinned to core ${core})`,
      run: (load) => runWrk({ ...load, core, workDir }),
    };
  }
  loadAutocannon();
  const workers = options.generatorWorkers;
  const version = toolVersions().autocannon;
  return {
    name: 'autocannon',
    version,
    describe: `autocannon ${version} in ${workers} worker processes pinned to core ${core} (wrk not installed)`,
    run: (load) => runAutocannonWorkers({ ...load, core, workers }),
  };
}
