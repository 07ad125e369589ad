// What the result was measured on: Node, CPU, cores, pinning, commit.
import { execFileSync } from 'node:child_process';
import { cpus, loadavg, release } from 'node:os';
import { REPO_ROOT } from './deps.mjs';

function git(args) {
  try {
    return execFileSync('git', args, { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'ignore'] })
      .toString()
      .trim();
  } catch {
    return null;
  }
}

export function describeEnvironment({ pinned, clockTicks }) {
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
  };
}
