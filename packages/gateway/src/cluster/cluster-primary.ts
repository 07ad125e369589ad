import cluster, { type Worker } from 'node:cluster';
import { gatewayDefaults } from '../defaults.js';
import {
  CLUSTER_PORT_ENV,
  isMessage,
  type ListeningMessage,
  type ShutdownMessage,
} from './cluster-messages.js';

/** Options of `ClusterPrimary`. */
export interface ClusterPrimaryOptions {
  workers: number;
  /**
   * The port every worker listens on (not 0: workers share one listening socket only when they ask
   * for the same address and port).
   */
  port: number;
  /** One line per event (a worker listening, exiting, replaced), for the operator. */
  onEvent?: (message: string) => void;
}

/**
 * The primary of `serve --workers N` (docs/configuration.md#workers): forks N workers that share
 * the port (node:cluster hands connections out round-robin), restarts a worker that dies, and
 * replaces them one at a time on `reload()` (SIGHUP), each new one listening before an old one is
 * told to finish its in-flight requests and exit, so no request is dropped.
 */
export class ClusterPrimary {
  readonly #options: ClusterPrimaryOptions;
  readonly #serving = new Set<Worker>();
  readonly #port: number;
  #stopping = false;
  #reloading: Promise<void> | null = null;

  constructor(options: ClusterPrimaryOptions) {
    this.#options = options;
    this.#port = options.port;
  }

  /** The port the workers share. */
  get port(): number {
    return this.#port;
  }

  /** Process ids of the workers serving now. */
  workerPids(): number[] {
    return [...this.#serving].map((worker) => worker.process.pid ?? 0);
  }

  /** Forks the first worker (which opens the shared socket), then the rest. */
  async start(): Promise<void> {
    await this.#fork();
    await Promise.all(Array.from({ length: this.#options.workers - 1 }, () => this.#fork()));
  }

  /** Replaces every worker, one at a time; a new one that fails to start leaves the old ones serving. */
  reload(): Promise<void> {
    this.#reloading ??= (async () => {
      try {
        for (const old of [...this.#serving]) {
          if (this.#stopping) return;
          const fresh = await this.#fork();
          await this.#retire(old);
          this.#event(`worker ${old.process.pid} replaced by ${fresh.process.pid}`);
        }
      } finally {
        this.#reloading = null;
      }
    })();
    return this.#reloading;
  }

  /** Tells every worker to finish and exit, and waits for them. */
  async close(): Promise<void> {
    this.#stopping = true;
    await Promise.all([...this.#serving].map((worker) => this.#retire(worker)));
  }

  #event(message: string): void {
    this.#options.onEvent?.(message);
  }

  /** Forks a worker and resolves once it listens; it rejects if the worker dies or hangs first. */
  #fork(): Promise<Worker> {
    const worker = cluster.fork({ [CLUSTER_PORT_ENV]: String(this.#port) });
    const startedAt = Date.now();
    return new Promise<Worker>((resolve, reject) => {
      const timer = setTimeout(() => {
        worker.kill();
        reject(
          new Error(
            `worker ${worker.process.pid} did not listen within ${gatewayDefaults.cluster.startTimeoutMs} ms`,
          ),
        );
      }, gatewayDefaults.cluster.startTimeoutMs);
      const onExit = (code: number | null, signal: string | null): void => {
        clearTimeout(timer);
        reject(
          new Error(`worker ${worker.process.pid} exited before listening (${signal ?? `code ${code}`})`),
        );
      };
      worker.once('exit', onExit);
      worker.on('message', (message: unknown) => {
        if (!isMessage<ListeningMessage>(message, 'toolbridge:listening')) return;
        clearTimeout(timer);
        worker.off('exit', onExit);
        this.#serving.add(worker);
        worker.once('exit', (code, signal) => this.#onExit(worker, { code, signal, startedAt }));
        this.#event(`worker ${worker.process.pid} listening`);
        resolve(worker);
      });
    });
  }

  /** A serving worker died unasked: start another (after a pause if it died young, so a crash loop cannot spin). */
  #onExit(worker: Worker, exit: { code: number | null; signal: string | null; startedAt: number }): void {
    if (!this.#serving.delete(worker) || this.#stopping) return;
    this.#event(
      `worker ${worker.process.pid} exited (${exit.signal ?? `code ${exit.code}`}); starting a new one`,
    );
    const young = Date.now() - exit.startedAt < gatewayDefaults.cluster.restartDelayMs;
    const restart = (): void => {
      if (this.#stopping) return;
      this.#fork().catch((error: unknown) => {
        this.#event(`a replacement worker failed: ${(error as Error).message}; trying again`);
        setTimeout(restart, gatewayDefaults.cluster.restartDelayMs);
      });
    };
    setTimeout(restart, young ? gatewayDefaults.cluster.restartDelayMs : 0);
  }

  /** Asks a worker to finish and exit; kills it if it outlives the shutdown grace period by far. */
  #retire(worker: Worker): Promise<void> {
    this.#serving.delete(worker);
    if (worker.isDead()) return Promise.resolve();
    return new Promise<void>((resolve) => {
      const timer = setTimeout(() => worker.kill('SIGKILL'), gatewayDefaults.shutdownGraceMs + 5_000);
      worker.once('exit', () => {
        clearTimeout(timer);
        resolve();
      });
      const shutdown: ShutdownMessage = { type: 'toolbridge:shutdown' };
      if (worker.isConnected()) worker.send(shutdown);
      else worker.kill('SIGTERM');
    });
  }
}
