import { describe, expect, test } from 'vitest';
import { runWithDeadline } from './run-with-deadline.js';

function waitForAbort(signal: AbortSignal): Promise<never> {
  return new Promise((_resolve, reject) => {
    signal.addEventListener('abort', () => reject(signal.reason), { once: true });
  });
}

const noSignal = new AbortController().signal;

describe('runWithDeadline', () => {
  test('passes a value through', async () => {
    const outcome = await runWithDeadline({
      task: async () => 42,
      signal: noSignal,
      timeoutMs: 1_000,
      settleGraceMs: 10,
    });
    expect(outcome).toEqual({ kind: 'fulfilled', value: 42 });
  });

  test('a task that throws, synchronously or not, is rejected', async () => {
    const thrown = new Error('boom');
    const sync = await runWithDeadline({
      task: () => {
        throw thrown;
      },
      signal: noSignal,
      timeoutMs: 1_000,
      settleGraceMs: 10,
    });
    expect(sync).toEqual({ kind: 'rejected', error: thrown });
  });

  test('a timeout aborts the task signal and reports timeout, not failure', async () => {
    let seen: AbortSignal | undefined;
    const outcome = await runWithDeadline({
      task: (signal) => {
        seen = signal;
        return waitForAbort(signal);
      },
      signal: noSignal,
      timeoutMs: 20,
      settleGraceMs: 1_000,
    });
    expect(outcome).toMatchObject({ kind: 'timeout', settled: true });
    expect(seen?.aborted).toBe(true);
  });

  test('the run signal wins over the timeout and is reported as aborted', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error('user')), 10);
    const outcome = await runWithDeadline({
      task: (signal) => waitForAbort(signal),
      signal: controller.signal,
      timeoutMs: 5_000,
      settleGraceMs: 1_000,
    });
    expect(outcome).toMatchObject({ kind: 'aborted', settled: true });
  });

  test('a task that ignores its signal is given up on after the grace period, and said to be running', async () => {
    let finish: (() => void) | undefined;
    const started = performance.now();
    const outcome = await runWithDeadline({
      task: () => new Promise<void>((resolve) => (finish = resolve)),
      signal: noSignal,
      timeoutMs: 10,
      settleGraceMs: 30,
    });
    expect(outcome).toMatchObject({ kind: 'timeout', settled: false });
    expect(performance.now() - started).toBeLessThan(1_000);
    finish?.();
  });

  test('an already aborted signal still lets the task see it, and reports aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    const outcome = await runWithDeadline({
      task: (signal) => waitForAbort(signal),
      signal: controller.signal,
      timeoutMs: 1_000,
      settleGraceMs: 50,
    });
    expect(outcome).toMatchObject({ kind: 'aborted' });
  });

  test('Infinity means no deadline', async () => {
    const outcome = await runWithDeadline({
      task: () => new Promise((resolve) => setTimeout(resolve, 20, 'late')),
      signal: noSignal,
      timeoutMs: Number.POSITIVE_INFINITY,
      settleGraceMs: 0,
    });
    expect(outcome).toEqual({ kind: 'fulfilled', value: 'late' });
  });
});
