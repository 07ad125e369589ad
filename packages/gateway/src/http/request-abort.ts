/**
 * The per-request abort switch: set when the client disconnects or the gateway shuts down past its
 * grace period. The upstream client registers a hook that aborts its undici request
 * (`upstream-client.ts`), and retries and store lookups check it.
 *
 * Not an `AbortController`: in Node 20 creating one per request was enough to get every request's
 * objects promoted out of the young generation (bench S1: 0.04 → 0.3 MB promoted per scavenge, and
 * the old space grew ~50 MB between full collections, ADR 0007). Nor an EventEmitter: removing its last
 * listener allocates a fresh listener table on every request. A request has one or two hooks.
 */
export class RequestAbort {
  #aborted = false;
  #reason: unknown;
  #listeners: Array<() => void> = [];

  get aborted(): boolean {
    return this.#aborted;
  }

  /** Why it was aborted (an Error); undefined while it is not. */
  get reason(): unknown {
    return this.#reason;
  }

  /** Aborts once: later calls do nothing. Hooks run synchronously, in the order they were added. */
  abort(reason: unknown = new Error('The request was aborted.')): void {
    if (this.#aborted) return;
    this.#aborted = true;
    this.#reason = reason;
    const listeners = this.#listeners;
    this.#listeners = [];
    for (const listener of listeners) listener();
  }

  /** Throws the abort reason if it was aborted, like `AbortSignal.throwIfAborted`. */
  throwIfAborted(): void {
    if (this.#aborted) throw this.#reason;
  }

  /**
   * Runs `listener` once on abort (not at all if already aborted: check `aborted` first); returns
   * the function that unregisters it.
   */
  onAbort(listener: () => void): () => void {
    if (!this.#aborted) this.#listeners.push(listener);
    return () => {
      const index = this.#listeners.indexOf(listener);
      if (index !== -1) this.#listeners.splice(index, 1);
    };
  }

  /** How many hooks are registered (tests). */
  get listenerCount(): number {
    return this.#listeners.length;
  }
}

/** Resolves after `ms`, or as soon as `abort` fires (never rejects). */
export function pause(ms: number, abort: RequestAbort): Promise<void> {
  if (abort.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    const stop = abort.onAbort(() => {
      clearTimeout(timer);
      resolve();
    });
    const timer = setTimeout(() => {
      stop();
      resolve();
    }, ms);
  });
}
