// Child processes of the benchmark: spawned pinned to a core (taskset), tracked, and always killed —
// on normal exit, on errors and on Ctrl-C.
import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { connect, createServer } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

const children = new Set();

/** Whether `taskset` exists (core pinning, bench/README.md); without it nothing is pinned. */
export const hasTaskset = spawnSync('taskset', ['--version'], { stdio: 'ignore' }).status === 0;

/** Pins every thread of `pid` to `core` (used for the harness itself: load generator on core 0). */
export function pinProcess(pid, core) {
  if (!hasTaskset) return false;
  return spawnSync('taskset', ['-a', '-cp', String(core), String(pid)], { stdio: 'ignore' }).status === 0;
}

/**
 * Starts `node ...args` pinned to `core`. `taskset` execs node, so the pid is node's own (the one
 * /proc is read from). stdout/stderr go where `stdio` says ('pipe' or a file descriptor).
 */
export function spawnNode({ name, core, args, env = {}, cwd, stdout = 'pipe', stderr = 'pipe' }) {
  const command = hasTaskset ? 'taskset' : process.execPath;
  const argv = hasTaskset ? ['-c', String(core), process.execPath, ...args] : args;
  const child = spawn(command, argv, {
    cwd,
    env: { ...process.env, ...env },
    stdio: ['ignore', stdout, stderr],
  });
  const entry = { name, child, pid: child.pid, exited: false, stderrTail: '' };
  child.once('exit', (code, signal) => {
    entry.exited = true;
    entry.exit = { code, signal };
    children.delete(entry);
  });
  if (child.stderr && stderr === 'pipe') {
    child.stderr.on('data', (chunk) => {
      entry.stderrTail = (entry.stderrTail + chunk.toString()).slice(-4000);
    });
  }
  children.add(entry);
  return entry;
}

/** Resolves with the first line of `stream` parsed as JSON (a child's readiness message). */
export async function firstJsonLine(entry, stream, timeoutMs = 30_000) {
  let buffer = '';
  const deadline = AbortSignal.timeout(timeoutMs);
  return new Promise((resolve, reject) => {
    const onData = (chunk) => {
      buffer += chunk.toString();
      for (const line of buffer.split('\n').slice(0, -1)) {
        if (!line.trim().startsWith('{')) continue;
        try {
          cleanup();
          resolve(JSON.parse(line));
          return;
        } catch {
          // not the readiness line
        }
      }
    };
    const onExit = () => {
      cleanup();
      reject(
        new Error(
          `${entry.name} exited before it was ready: ${JSON.stringify(entry.exit)} ${entry.stderrTail}`,
        ),
      );
    };
    const onTimeout = () => {
      cleanup();
      reject(new Error(`${entry.name} was not ready within ${timeoutMs} ms: ${entry.stderrTail}`));
    };
    const cleanup = () => {
      stream.off('data', onData);
      entry.child.off('exit', onExit);
      deadline.removeEventListener('abort', onTimeout);
    };
    stream.on('data', onData);
    entry.child.once('exit', onExit);
    deadline.addEventListener('abort', onTimeout);
  });
}

/** Waits until a TCP connect to 127.0.0.1:`port` succeeds (for children without a readiness line). */
export async function waitForPort(entry, port, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (entry.exited) throw new Error(`${entry.name} exited before listening: ${entry.stderrTail}`);
    const ok = await new Promise((resolve) => {
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (ok) return;
    await sleep(100);
  }
  throw new Error(`${entry.name} did not listen on ${port} within ${timeoutMs} ms`);
}

/** A free loopback port (for a child that needs its port on the command line). */
export async function freePort() {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address();
  server.close();
  await once(server, 'close');
  return port;
}

/** SIGTERM, then SIGKILL after `graceMs`; resolves when the child is gone. */
export async function stopChild(entry, graceMs = 3_000) {
  if (entry.exited) return entry.exit;
  const exited = once(entry.child, 'exit');
  entry.child.kill('SIGTERM');
  const timer = setTimeout(() => {
    if (!entry.exited) entry.child.kill('SIGKILL');
  }, graceMs);
  await exited;
  clearTimeout(timer);
  return entry.exit;
}

/** Stops every child still running. */
export async function stopAll() {
  await Promise.all([...children].map((entry) => stopChild(entry)));
}

let installed = false;

/** Kills children on exit, Ctrl-C, SIGTERM and uncaught errors (the run never leaves a process behind). */
export function installCleanup() {
  if (installed) return;
  installed = true;
  process.on('exit', () => {
    for (const entry of children) if (!entry.exited) entry.child.kill('SIGKILL');
  });
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.on(signal, () => {
      process.stderr.write(`\nbench: ${signal}, stopping children…\n`);
      stopAll().finally(() => process.exit(130));
    });
  }
}
