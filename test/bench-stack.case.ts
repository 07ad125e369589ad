// One scripted upstream and one toolbridge (bench/lib/stack.mjs) for a describe block of the bench
// tests: started in a temporary directory before its tests, stopped and removed after them.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
// (The bench is plain JavaScript; this file is run by Vitest, not type-checked.)
import { stopChild } from '../bench/lib/processes.mjs';
import { startToolbridge, startUpstream } from '../bench/lib/stack.mjs';

export interface ToolbridgeStack {
  upstream: Awaited<ReturnType<typeof startUpstream>>;
  target: Awaited<ReturnType<typeof startToolbridge>>;
  workDir: string;
}

/**
 * Registers the start and stop hooks; read `upstream`, `target` and `workDir` from the returned object
 * inside tests (they are set once `beforeAll` ran). `options` go to `startToolbridge` (log level `warn`
 * unless given).
 */
export function toolbridgeStack(prefix: string, options: Record<string, unknown> = {}): ToolbridgeStack {
  const stack = {} as ToolbridgeStack;
  beforeAll(async () => {
    stack.workDir = mkdtempSync(join(tmpdir(), prefix));
    stack.upstream = await startUpstream();
    stack.target = await startToolbridge(stack.upstream, {
      workDir: stack.workDir,
      logLevel: 'warn',
      ...options,
    });
  }, 60_000);
  afterAll(async () => {
    await Promise.all([stack.target, stack.upstream].filter(Boolean).map((child) => stopChild(child.entry)));
    if (stack.workDir !== undefined) rmSync(stack.workDir, { recursive: true, force: true });
  });
  return stack;
}
