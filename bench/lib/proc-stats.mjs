// CPU and memory of a process from /proc: utime+stime ticks, VmRSS polling, VmHWM.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';

/** Clock ticks per second (utime/stime unit); 100 on Linux almost everywhere. */
export const CLOCK_TICKS = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100;
  } catch {
    return 100;
  }
})();

/** CPU milliseconds (user + system, all threads) the process has used so far, or null when gone. */
export function cpuMs(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // fields[0] is field 3 (state): utime is field 14, stime field 15.
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
  } catch {
    return null;
  }
}

function statusKb(pid, key) {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const match = new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status);
    return match ? Number(match[1]) : null;
  } catch {
    return null;
  }
}

/** Resets the peak-RSS mark (VmHWM) so the next reading is the peak of this phase only. */
function resetPeak(pid) {
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, '5');
    return true;
  } catch {
    return false;
  }
}

function cpuLine(line) {
  const [user, nice, system, idle, iowait, irq, softirq, steal] = line.split(/\s+/).slice(1).map(Number);
  const toMs = (ticks) => (ticks * 1000) / CLOCK_TICKS;
  return {
    busy: toMs(user + nice + system + irq + softirq + steal),
    steal: toMs(steal),
    idle: toMs(idle + iowait),
  };
}

/**
 * Machine-wide CPU milliseconds so far: busy (all but idle/iowait) and steal (host contention), and
 * the same per core (`cores[n]`), which says how busy the load core and the target core were.
 */
function machineCpuMs() {
  const lines = readFileSync('/proc/stat', 'utf8').split('\n');
  const cores = [];
  for (const line of lines.slice(1)) {
    const match = /^cpu(\d+) /.exec(line);
    if (match === null) break;
    cores[Number(match[1])] = cpuLine(line);
  }
  return { ...cpuLine(lines[0]), cores };
}

/**
 * CPU milliseconds of this process's children that have exited and been waited for (cutime + cstime):
 * how the CPU of a load generator process that ran during a window is read once it has ended.
 */
export function reapedChildrenCpuMs() {
  const stat = readFileSync('/proc/self/stat', 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // fields[0] is field 3 (state): cutime is field 16, cstime field 17.
  return ((Number(fields[13]) + Number(fields[14])) * 1000) / CLOCK_TICKS;
}

/**
 * Watches processes during one phase: CPU delta and peak RSS (VmRSS polled every `intervalMs`, and
 * VmHWM after a reset when the kernel allows it). `stop()` returns per-pid figures.
 */
export function watchProcesses(pids, intervalMs = 50) {
  const machineStart = machineCpuMs();
  const startedAt = performance.now();
  const state = new Map();
  for (const pid of pids) {
    const hwmReset = resetPeak(pid);
    state.set(pid, { cpuStart: cpuMs(pid), peakRssKb: statusKb(pid, 'VmRSS') ?? 0, hwmReset });
  }
  const timer = setInterval(() => {
    for (const [pid, entry] of state) {
      const rss = statusKb(pid, 'VmRSS');
      if (rss !== null && rss > entry.peakRssKb) entry.peakRssKb = rss;
    }
  }, intervalMs);
  timer.unref();
  return {
    /** `extraMs`: CPU of ours not among `pids` (a generator that has exited), kept out of `foreignBusy`. */
    stop({ extraMs = 0 } = {}) {
      clearInterval(timer);
      const result = new Map();
      for (const [pid, entry] of state) {
        const cpuEnd = cpuMs(pid);
        const hwm = entry.hwmReset ? statusKb(pid, 'VmHWM') : null;
        result.set(pid, {
          cpuMs: cpuEnd !== null && entry.cpuStart !== null ? cpuEnd - entry.cpuStart : null,
          peakRssMb: Math.max(entry.peakRssKb, hwm ?? 0) / 1024,
          rssNowMb: (statusKb(pid, 'VmRSS') ?? 0) / 1024,
        });
      }
      // CPU used by processes other than ours (another job on this shared machine): a noise indicator.
      const machineEnd = machineCpuMs();
      const windowMs = performance.now() - startedAt;
      const ours = [...result.values()].reduce((sum, entry) => sum + (entry.cpuMs ?? 0), 0);
      result.machine = {
        foreignBusy: Math.max(0, machineEnd.busy - machineStart.busy - ours - extraMs) / windowMs,
        steal: (machineEnd.steal - machineStart.steal) / windowMs,
        // Share of each core that was busy (all processes) over the window.
        coreBusy: machineEnd.cores.map(
          (core, index) => (core.busy - (machineStart.cores[index]?.busy ?? core.busy)) / windowMs,
        ),
      };
      return result;
    },
  };
}

/** Current RSS in MB (idle figure). */
export function rssMb(pid) {
  return (statusKb(pid, 'VmRSS') ?? 0) / 1024;
}
