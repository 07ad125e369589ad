// What the result was measured on: Node, CPU, cores, pinning, commit.
import { execFileSync } from 'node:child_process';
import { cpus, loadavg, release } from 'node:os';
import { REPO_ROOT } from './deps.mjs';

function git(args, cwd = REPO_ROOT) {
  try {
    return execFileSync('git', args, { cwd, stdio: ['ignore', 'pipe', 'ignore'] })
      .toString()
      .trim();
  } catch {
    return null;
  }
}

export function describeEnvironment({ pinned, clockTicks, baseline = null }) {
  const status = git(['status', '--porcelain']);
  return {
    node: process.version,
    cpuModel: cpus()[0]?.model ?? 'unknown',
    // cpus(), not availableParallelism(): the harness has pinned itself to one core by now.
    nproc: cpus().length,
    loadAverageAtStart: loadavg(),
    kernel: release(),
    pinned,
    clockTicks,
    commit: git(['rev-parse', 'HEAD']),
    // Uncommitted changes mean the measured gateway is not exactly `commit`.
    dirty: status === null ? null : status.length > 0,
    // --baseline: the other checkout measured as toolbridge-baseline.
    ...(baseline === null
      ? {}
      : {
          baseline: { dir: baseline, commit: git(['rev-parse', 'HEAD'], baseline), dirty: dirtyAt(baseline) },
        }),
  };
}

function dirtyAt(dir) {
  const status = git(['status', '--porcelain'], dir);
  return status === null ? null : status.length > 0;
}
