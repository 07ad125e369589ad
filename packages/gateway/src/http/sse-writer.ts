import type { ServerResponse } from 'node:http';

/**
 * Frames flushed immediately at the start of a stream. Node corks a response's socket until the next
 * tick, and an upstream chunk holding many events is translated in one burst of microtasks, so without
 * this the first argument delta would wait for the whole burst (bench S2, time to first delta). Later
 * frames keep the batching, which saves system calls.
 */
const EAGER_FRAMES = 6;

/**
 * Writes server-sent events to a client with backpressure: `write` waits for `drain` when the socket
 * buffer is full, so a slow client slows the upstream read instead of growing memory.
 */
export class SseWriter {
  private started = false;
  /** Frames still to flush one by one (see `write`). */
  private eagerFrames = EAGER_FRAMES;

  constructor(
    private readonly response: ServerResponse,
    private readonly headers: Record<string, string>,
  ) {}

  /** Whether any byte went out (after this, errors can only be reported inside the stream). */
  get hasStarted(): boolean {
    return this.started;
  }

  private start(): void {
    if (this.started) return;
    this.started = true;
    this.response.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
      ...this.headers,
    });
  }

  async write(frame: string): Promise<void> {
    this.start();
    if (this.response.destroyed) return;
    const flushed = this.response.write(frame);
    if (this.eagerFrames > 0) {
      this.eagerFrames -= 1;
      const socket = this.response.socket;
      if (socket?.writableCorked) socket.uncork();
    }
    if (!flushed) {
      await new Promise<void>((resolve) => {
        const done = (): void => {
          this.response.off('drain', done);
          this.response.off('close', done);
          resolve();
        };
        this.response.on('drain', done);
        this.response.on('close', done);
      });
    }
  }

  end(finalFrame?: string): void {
    this.start();
    if (!this.response.destroyed) this.response.end(finalFrame);
  }
}
