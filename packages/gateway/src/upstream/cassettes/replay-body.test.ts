import { describe, expect, it } from 'vitest';
import { RequestAbort } from '../../http/request-abort.js';
import { ReplayBody } from './replay-body.js';

const frames = [
  { atMs: 0, data: { n: 1 } },
  { atMs: 150, event: 'done', text: '[DONE]' },
];

async function read(body: ReplayBody): Promise<string[]> {
  const texts: string[] = [];
  for await (const chunk of body) texts.push(chunk.toString());
  return texts;
}

describe('ReplayBody', () => {
  it('plays the frames back as SSE text, fast or at the recorded pace', async () => {
    const fast = await read(new ReplayBody({ frames, timing: 'fast', signal: new RequestAbort() }));
    expect(fast).toEqual(['data: {"n":1}\n\n', 'event: done\ndata: [DONE]\n\n']);
    const started = performance.now();
    await read(new ReplayBody({ frames, timing: 'real', signal: new RequestAbort() }));
    expect(performance.now() - started).toBeGreaterThanOrEqual(140);
  });

  it('breaks off with the recorded error, and stops when the client goes away', async () => {
    await expect(
      read(new ReplayBody({ frames, error: 'socket hang up', timing: 'fast', signal: new RequestAbort() })),
    ).rejects.toThrow('replayed stream failure: socket hang up');
    const abort = new RequestAbort();
    const body = new ReplayBody({ frames, timing: 'real', signal: abort });
    const iterator = body[Symbol.asyncIterator]();
    expect((await iterator.next()).done).toBe(false);
    abort.abort();
    expect((await iterator.next()).done).toBe(true);
  });
});
