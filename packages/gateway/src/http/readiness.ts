/** What `GET /ready` reports (docs/observability.md#readiness). */
export interface ReadinessReport {
  ready: boolean;
  body: {
    status: 'ready' | 'not_ready';
    checks: { store: 'opening' | 'open' | 'failed' | 'closed'; shutdown: 'no' | 'in_progress' };
    /** One sentence per check that fails, saying what is not ready. */
    reasons: string[];
  };
}

/**
 * Readiness, separate from liveness: a load balancer should send traffic only once the store is open and
 * migrated, and stop before the gateway shuts down, while `/health` keeps answering 200 throughout.
 */
export class Readiness {
  #store: ReadinessReport['body']['checks']['store'] = 'opening';
  #storeProblem = '';
  #shuttingDown = false;

  storeOpened(): void {
    this.#store = 'open';
  }

  storeFailed(message: string): void {
    this.#store = 'failed';
    this.#storeProblem = message;
  }

  storeClosed(): void {
    this.#store = 'closed';
  }

  beginShutdown(): void {
    this.#shuttingDown = true;
  }

  get storeOpen(): boolean {
    return this.#store === 'open';
  }

  report(): ReadinessReport {
    const reasons: string[] = [];
    if (this.#store === 'opening') reasons.push('The store is still opening (connecting and migrating).');
    if (this.#store === 'failed') reasons.push(`The store could not be opened: ${this.#storeProblem}`);
    if (this.#store === 'closed') reasons.push('The store is closed.');
    if (this.#shuttingDown) reasons.push('The gateway is shutting down.');
    const ready = reasons.length === 0;
    return {
      ready,
      body: {
        status: ready ? 'ready' : 'not_ready',
        checks: { store: this.#store, shutdown: this.#shuttingDown ? 'in_progress' : 'no' },
        reasons,
      },
    };
  }
}
