import { describe, expect, it } from 'vitest';
import { pause, RequestAbort } from './request-abort.js';

describe('RequestAbort', () => {
  it('starts not aborted; abort() sets the reason and tells listeners once', () => {
    const abort = new RequestAbort();
    const heard: unknown[] = [];
    abort.onAbort(() => heard.push(abort.reason));
    expect(abort.aborted).toBe(false);
    expect(abort.reason).toBeUndefined();
    expect(() => abort.throwIfAborted()).not.toThrow();
    const reason = new Error('client disconnected');
    abort.abort(reason);
    abort.abort(new Error('second call is ignored'));
    expect(abort.aborted).toBe(true);
    expect(abort.reason).toBe(reason);
    expect(heard).toEqual([reason]);
    expect(() => abort.throwIfAborted()).toThrow('client disconnected');
  });

  it('a listener removed with the function onAbort returned is not called', () => {
    const abort = new RequestAbort();
    let called = false;
    const stop = abort.onAbort(() => {
      called = true;
    });
    stop();
    abort.abort();
    expect(called).toBe(false);
    expect(abort.listenerCount).toBe(0);
  });

  it('pause() waits the delay, or returns as soon as the request is aborted', async () => {
    const waited = new RequestAbort();
    const started = performance.now();
    await pause(30, waited);
    expect(performance.now() - started).toBeGreaterThanOrEqual(25);
    expect(waited.listenerCount).toBe(0);

    const aborted = new RequestAbort();
    const cut = performance.now();
    setTimeout(() => aborted.abort(), 5);
    await pause(10_000, aborted);
    expect(performance.now() - cut).toBeLessThan(5_000);

    const already = new RequestAbort();
    already.abort();
    await pause(10_000, already);
  });
});
