import type { Dispatcher } from 'undici';

/** Bytes queued before undici is asked to stop reading the socket (a slow client slows the upstream). */
const HIGH_WATER_BYTES = 64 * 1024;

/**
 * A streaming upstream body fed by an undici dispatch handler, read as an async iterable of Buffers.
 *
 * Not `pool.request()`'s Readable: the SSE decoder stops at `[DONE]`, usually before undici has
 * reported the end, and leaving a Readable's async iterator early destroys it with a new AbortError,
 * whose stack trace alone cost ~4% of a streamed Chat request's CPU (bench S2 profile). Here leaving
 * after the end costs nothing, and leaving before it aborts the upstream request.
 *
 * Chunks that arrived while the reader was busy come out joined, as one Buffer. Single reader.
 */
export class StreamingBody implements AsyncIterableIterator<Buffer> {
  readonly #controller: Dispatcher.DispatchController;
  #chunks: Buffer[] = [];
  #queuedBytes = 0;
  #ended = false;
  #error: Error | undefined;
  #wake: (() => void) | undefined;
  #onSettled: () => void;

  /** `onSettled` runs once, when the body ends, fails or is discarded. */
  constructor(controller: Dispatcher.DispatchController, onSettled: () => void) {
    this.#controller = controller;
    this.#onSettled = onSettled;
  }

  /** From the handler: bytes arrived. */
  push(chunk: Buffer): void {
    if (this.#ended) return;
    this.#chunks.push(chunk);
    this.#queuedBytes += chunk.length;
    if (this.#queuedBytes > HIGH_WATER_BYTES && !this.#controller.paused) this.#controller.pause();
    this.#wakeReader();
  }

  /** From the handler: the response is complete. */
  end(): void {
    this.#settle();
    this.#wakeReader();
  }

  /** From the handler: the response broke (reset, idle timeout, abort); the reader gets `error`. */
  fail(error: Error): void {
    if (this.#ended) return;
    this.#error = error;
    this.#settle();
    this.#wakeReader();
  }

  /** Stops reading: aborts the upstream request if it has not ended, and drops what is queued. */
  destroy(error?: Error): void {
    this.#chunks = [];
    this.#queuedBytes = 0;
    if (this.#ended) return;
    this.#settle();
    this.#controller.abort(error ?? new Error('The upstream body was discarded.'));
  }

  [Symbol.asyncIterator](): AsyncIterableIterator<Buffer> {
    return this;
  }

  async next(): Promise<IteratorResult<Buffer>> {
    while (this.#chunks.length === 0) {
      if (this.#error !== undefined) throw this.#error;
      if (this.#ended) return { done: true, value: undefined };
      await new Promise<void>((resolve) => {
        this.#wake = resolve;
      });
    }
    const chunks = this.#chunks;
    this.#chunks = [];
    this.#queuedBytes = 0;
    if (this.#controller.paused && !this.#ended) this.#controller.resume();
    return { done: false, value: chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks) };
  }

  async return(): Promise<IteratorResult<Buffer>> {
    this.destroy();
    return { done: true, value: undefined };
  }

  #settle(): void {
    if (this.#ended) return;
    this.#ended = true;
    this.#onSettled();
  }

  #wakeReader(): void {
    const wake = this.#wake;
    this.#wake = undefined;
    wake?.();
  }
}
