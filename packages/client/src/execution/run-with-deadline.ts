/** How a deadline-bound task ended. `settled: false` means it ignored its signal past the grace period. */
export type DeadlineOutcome<T> =
  | { kind: 'fulfilled'; value: T }
  | { kind: 'rejected'; error: unknown }
  | { kind: 'timeout'; error: unknown; settled: boolean }
  | { kind: 'aborted'; error: unknown; settled: boolean };

/** Options of {@link runWithDeadline}. */
export interface RunWithDeadlineOptions<T> {
  /** The task; it gets a signal that fires on `signal` or after `timeoutMs`. */
  task: (signal: AbortSignal) => Promise<T>;
  signal: AbortSignal;
  /** `Infinity` for no deadline. */
  timeoutMs: number;
  /** How long a task that was told to stop may take to settle before we stop waiting for it. */
  settleGraceMs: number;
}

const MAX_TIMER_MS = 2_147_483_647;

type Settlement<T> = { kind: 'fulfilled'; value: T } | { kind: 'rejected'; error: unknown };

async function settle<T>(task: () => Promise<T>): Promise<Settlement<T>> {
  try {
    return { kind: 'fulfilled', value: await task() };
  } catch (error) {
    return { kind: 'rejected', error };
  }
}

/**
 * Resolves with the settlement, or with `null` once `signal` has fired and `graceMs` more have passed.
 * Not a bare `Promise.race`: the listener and the grace timer are always removed, and the task was
 * already told to stop through its signal (docs/adr/0008-tool-loop-rules.md, rule 7).
 */
function waitForSettlement<T>(
  settlement: Promise<Settlement<T>>,
  signal: AbortSignal,
  graceMs: number,
): Promise<Settlement<T> | null> {
  return new Promise((resolve) => {
    let graceTimer: ReturnType<typeof setTimeout> | undefined;
    const startGrace = (): void => {
      graceTimer = setTimeout(() => finish(null), graceMs);
    };
    const finish = (value: Settlement<T> | null): void => {
      clearTimeout(graceTimer);
      signal.removeEventListener('abort', startGrace);
      resolve(value);
    };
    if (signal.aborted) startGrace();
    else signal.addEventListener('abort', startGrace, { once: true });
    void settlement.then(finish);
  });
}

/**
 * Runs `task` under the run's signal and a timeout, merged with `AbortSignal.any`. A task that rejects
 * after its signal fired is reported as `timeout` or `aborted` (never as a plain failure); a task that
 * still returns a value is reported as fulfilled, because its work did happen. The timer is cleared in
 * `finally`.
 */
export async function runWithDeadline<T>({
  task,
  signal,
  timeoutMs,
  settleGraceMs,
}: RunWithDeadlineOptions<T>): Promise<DeadlineOutcome<T>> {
  const timeout = new AbortController();
  // `Infinity` means no deadline; setTimeout would otherwise fire at once for values past 2^31-1 ms.
  const timer = Number.isFinite(timeoutMs)
    ? setTimeout(
        () => {
          timeout.abort(new DOMException(`Timed out after ${timeoutMs} ms`, 'TimeoutError'));
        },
        Math.min(timeoutMs, MAX_TIMER_MS),
      )
    : undefined;
  const taskSignal = AbortSignal.any([signal, timeout.signal]);
  try {
    const settlement = await waitForSettlement(
      settle(() => task(taskSignal)),
      taskSignal,
      settleGraceMs,
    );
    if (settlement?.kind === 'fulfilled') return settlement;
    const settled = settlement !== null;
    const error = settlement?.error ?? taskSignal.reason;
    if (signal.aborted) return { kind: 'aborted', error, settled };
    if (timeout.signal.aborted) return { kind: 'timeout', error, settled };
    return { kind: 'rejected', error };
  } finally {
    clearTimeout(timer);
  }
}
