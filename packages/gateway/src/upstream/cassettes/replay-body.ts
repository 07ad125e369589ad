import { pause, type RequestAbort } from '../../http/request-abort.js';
import type { UpstreamBody } from '../upstream-exchange.js';
import type { CassetteFrame } from './cassette.js';
import { frameText } from './frames-of-chunks.js';

/**
 * A recorded stream played back frame by frame: at the recorded pace (`real`) or as fast as the
 * reader takes them (`fast`). A stream that broke off when it was recorded breaks off again, with
 * the recorded error, after its last frame.
 */
export class ReplayBody implements UpstreamBody, AsyncIterator<Buffer> {
  readonly #frames: readonly CassetteFrame[];
  readonly #error: string | undefined;
  readonly #timing: 'real' | 'fast';
  readonly #signal: RequestAbort;
  readonly #startedAt = performance.now();
  #next = 0;
  #stopped = false;

  constructor(options: {
    frames: readonly CassetteFrame[];
    error?: string | undefined;
    timing: 'real' | 'fast';
    signal: RequestAbort;
  }) {
    this.#frames = options.frames;
    this.#error = options.error;
    this.#timing = options.timing;
    this.#signal = options.signal;
  }

  [Symbol.asyncIterator](): AsyncIterator<Buffer> {
    return this;
  }

  async next(): Promise<IteratorResult<Buffer>> {
    if (this.#stopped || this.#signal.aborted) return { done: true, value: undefined };
    const frame = this.#frames[this.#next];
    if (frame === undefined) {
      this.#stopped = true;
      if (this.#error !== undefined) throw new Error(`replayed stream failure: ${this.#error}`);
      return { done: true, value: undefined };
    }
    this.#next += 1;
    if (this.#timing === 'real') {
      const wait = frame.atMs - (performance.now() - this.#startedAt);
      if (wait > 0) await pause(wait, this.#signal);
    }
    return { done: false, value: Buffer.from(frameText(frame)) };
  }

  async return(): Promise<IteratorResult<Buffer>> {
    this.#stopped = true;
    return { done: true, value: undefined };
  }

  destroy(): void {
    this.#stopped = true;
  }
}
