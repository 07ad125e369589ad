import type { ServerResponse } from 'node:http';

/**
 * Writes server-sent events to a client with backpressure: `write` waits for `drain` when the socket
 * buffer is full, so a slow client slows the upstream read instead of growing memory.
 *
 * The routes write one string per batch of events (core `batches.ts`): everything one upstream read
 * released, translated in one go. Node corks the socket until the next tick, so a batch leaves right
 * after it is translated, and writes of the same tick (the terminal event and the end) share one
 * system call.
 */
export class SseWriter {
  private started = false;

  constructor(
    private readonly response: ServerResponse,
    private readonly headers: Record<string, string>,
  ) {}

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

  /** Sends `frames` (one or more complete SSE frames) now; an empty string only sends the headers. */
  async write(frames: string): Promise<void> {
    this.start();
    if (this.response.destroyed || frames === '') return;
    const flushed = this.response.write(frames);
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
