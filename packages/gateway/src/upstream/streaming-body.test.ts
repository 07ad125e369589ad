import type { Dispatcher } from 'undici';
import { describe, expect, it } from 'vitest';
import { StreamingBody } from './streaming-body.js';

/** A stand-in for undici's controller that records what the body asked of it. */
function fakeController() {
  const calls: string[] = [];
  let paused = false;
  let aborted: Error | null = null;
  const controller: Dispatcher.DispatchController = {
    get aborted() {
      return aborted !== null;
    },
    get paused() {
      return paused;
    },
    get reason() {
      return aborted;
    },
    abort(reason: Error) {
      aborted = reason;
      calls.push(`abort: ${reason.message}`);
    },
    pause() {
      paused = true;
      calls.push('pause');
    },
    resume() {
      paused = false;
      calls.push('resume');
    },
  };
  return { controller, calls };
}

function text(buffer: Buffer): string {
  return buffer.toString('utf8');
}

describe('StreamingBody', () => {
  it('yields what arrived, joining chunks queued while the reader was away, then ends', async () => {
    const { controller } = fakeController();
    let settled = 0;
    const body = new StreamingBody(controller, () => {
      settled += 1;
    });
    body.push(Buffer.from('a'));
    body.push(Buffer.from('b'));
    const first = body.next();
    expect(text((await first).value as Buffer)).toBe('ab');
    const waiting = body.next();
    body.push(Buffer.from('c'));
    expect(text((await waiting).value as Buffer)).toBe('c');
    body.end();
    expect(await body.next()).toEqual({ done: true, value: undefined });
    expect(settled).toBe(1);
  });

  it('hands over the data received before a failure, then throws the failure', async () => {
    const { controller } = fakeController();
    const body = new StreamingBody(controller, () => {});
    body.push(Buffer.from('partial'));
    body.fail(new Error('socket reset'));
    expect(text((await body.next()).value as Buffer)).toBe('partial');
    await expect(body.next()).rejects.toThrow('socket reset');
  });

  it('pauses undici above the high-water mark and resumes once the reader catches up', async () => {
    const { controller, calls } = fakeController();
    const body = new StreamingBody(controller, () => {});
    for (let index = 0; index < 5; index++) body.push(Buffer.alloc(20 * 1024));
    expect(calls).toEqual(['pause']);
    const { value } = await body.next();
    expect((value as Buffer).length).toBe(100 * 1024);
    expect(calls).toEqual(['pause', 'resume']);
  });

  it('leaving early before the end aborts the upstream request; after the end it does not', async () => {
    const open = fakeController();
    let settled = false;
    const cut = new StreamingBody(open.controller, () => {
      settled = true;
    });
    cut.push(Buffer.from('data: 1\n\n'));
    for await (const _ of cut) break;
    expect(open.calls).toEqual(['abort: The upstream body was discarded.']);
    expect(settled).toBe(true);

    const done = fakeController();
    const finished = new StreamingBody(done.controller, () => {});
    finished.push(Buffer.from('data: [DONE]\n\n'));
    finished.end();
    for await (const _ of finished) break;
    expect(done.calls).toEqual([]);
  });

  it('destroy() drops queued data, and what arrives after it is ignored', async () => {
    const { controller, calls } = fakeController();
    const body = new StreamingBody(controller, () => {});
    body.push(Buffer.from('queued'));
    body.destroy(new Error('retrying'));
    body.push(Buffer.from('late'));
    expect(calls).toEqual(['abort: retrying']);
    expect(await body.next()).toEqual({ done: true, value: undefined });
  });
});
