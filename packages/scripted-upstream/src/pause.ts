import { setTimeout as sleep } from 'node:timers/promises';

/** Waits `ms` unless `signal` aborts first; resolves false when aborted (the client went away). */
export async function pause(ms: number, signal: AbortSignal): Promise<boolean> {
  if (signal.aborted) return false;
  if (ms <= 0) return true;
  try {
    await sleep(ms, undefined, { signal });
    return true;
  } catch {
    return false;
  }
}
