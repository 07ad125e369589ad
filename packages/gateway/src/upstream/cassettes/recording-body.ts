import type { UpstreamBody } from '../upstream-exchange.js';

/** A chunk of a recorded stream and when it arrived, in ms after the response headers. */
export interface TimedChunk {
  atMs: number;
  chunk: Buffer;
}

/**
 * Passes an upstream stream through unchanged while keeping each chunk with its arrival time;
 * `onEnd` runs once with everything read, when the stream ends, fails or is left early (a decoder
 * stops at `[DONE]`), so the cassette holds exactly what the gateway saw.
 */
export class RecordingBody implements UpstreamBody, AsyncIterator<Buffer> {
  readonly #inner: UpstreamBody;
  readonly #iterator: AsyncIterator<Buffer>;
  readonly #startedAt = performance.now();
  readonly #chunks: TimedChunk[] = [];
  readonly #onEnd: (chunks: TimedChunk[], error: Error | null) => void;
  #ended = false;

  constructor(inner: UpstreamBody, onEnd: (chunks: TimedChunk[], error: Error | null) => void) {
    this.#inner = inner;
    this.#iterator = inner[Symbol.asyncIterator]();
    this.#onEnd = onEnd;
  }

  [Symbol.asyncIterator](): AsyncIterator<Buffer> {
    return this;
  }

  async next(): Promise<IteratorResult<Buffer>> {
    let result: IteratorResult<Buffer>;
    try {
      result = await this.#iterator.next();
    } catch (error) {
      this.#end(error as Error);
      throw error;
    }
    if (result.done) this.#end(null);
    else this.#chunks.push({ atMs: Math.round(performance.now() - this.#startedAt), chunk: result.value });
    return result;
  }

  async return(): Promise<IteratorResult<Buffer>> {
    this.#end(null);
    await this.#iterator.return?.();
    return { done: true, value: undefined };
  }

  destroy(error?: Error): void {
    this.#end(null);
    this.#inner.destroy(error);
  }

  #end(error: Error | null): void {
    if (this.#ended) return;
    this.#ended = true;
    this.#onEnd(this.#chunks, error);
  }
}
