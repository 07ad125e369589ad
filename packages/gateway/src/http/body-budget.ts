/**
 * The request-body bytes held across all requests still being read, against one limit
 * (`gatewayDefaults.server.maxBufferedBodyBytes`). The per-request limit alone lets many clients that each
 * upload most of a large body and then stall hold gigabytes; with a shared budget the gateway refuses
 * (503) instead of growing (SECURITY.md).
 */
export class BodyBudget {
  #held = 0;

  constructor(readonly limit: number) {}

  /** Bytes held right now. */
  get held(): number {
    return this.#held;
  }

  /** Takes `bytes` from the budget; false (and nothing taken) when that would exceed the limit. */
  take(bytes: number): boolean {
    if (this.#held + bytes > this.limit) return false;
    this.#held += bytes;
    return true;
  }

  /** Gives back bytes taken earlier. */
  give(bytes: number): void {
    this.#held = Math.max(0, this.#held - bytes);
  }
}
