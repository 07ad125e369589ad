import { setTimeout as sleep } from 'node:timers/promises';
import { storageDefaults } from './defaults.js';
import type { ResponseStore } from './response-store.js';

const SECONDS_PER_DAY = 86_400;

/** What one sweep did, for the log. */
export interface RetentionSweep {
  deleted: number;
  /** The cut-off: responses created before this (unix seconds) were deleted. */
  createdBefore: number;
  durationMs: number;
}

/** Options of {@link RetentionSweeper.start}. */
export interface RetentionSweeperOptions {
  store: ResponseStore;
  /** Responses older than this many days are deleted; must be positive (0 = keep forever: do not start one). */
  retentionDays: number;
  /** Time between sweeps; the first runs right away. */
  intervalMs?: number;
  /** Rows per `deleteOlderThan` call. */
  batchRows?: number;
  /** Pause after a full batch, so saves and reads get the database between batches. */
  pauseMs?: number;
  /** Current time in milliseconds (tests). */
  now?: () => number;
  /** Told after each sweep that deleted something. */
  onSweep?: (sweep: RetentionSweep) => void;
  /** Told when a sweep fails; the next one runs on schedule. */
  onError?: (error: unknown) => void;
}

/**
 * Deletes stored responses and stored chat completions older than the retention period: at start and
 * then every `intervalMs`,
 * in batches of `batchRows` with a pause between, so a large backlog never holds the database for
 * long (docs/configuration.md#retention). Its timer is `unref`'d: it never keeps the process alive.
 */
export class RetentionSweeper {
  readonly #options: Required<Omit<RetentionSweeperOptions, 'onSweep' | 'onError'>> &
    Pick<RetentionSweeperOptions, 'onSweep' | 'onError'>;
  readonly #stopping = new AbortController();
  #timer: NodeJS.Timeout | undefined;
  #running: Promise<void> | null = null;

  private constructor(options: RetentionSweeperOptions) {
    const {
      intervalMs = storageDefaults.retentionIntervalMs,
      batchRows = storageDefaults.retentionBatchSize,
      pauseMs = storageDefaults.retentionPauseMs,
      now = Date.now,
    } = options;
    if (!(options.retentionDays > 0)) throw new RangeError('retentionDays must be positive.');
    this.#options = { ...options, intervalMs, batchRows, pauseMs, now };
  }

  /** Starts sweeping: one sweep now (in the background), then one per interval. */
  static start(options: RetentionSweeperOptions): RetentionSweeper {
    const sweeper = new RetentionSweeper(options);
    sweeper.#schedule(0);
    return sweeper;
  }

  /**
   * One sweep: deletes everything older than the retention period, batch by batch. Resolves with
   * the number deleted; a sweep already running is joined instead of starting a second one.
   */
  sweep(): Promise<number> {
    if (this.#running !== null) return this.#running.then(() => 0);
    const run = this.#sweepBatches();
    this.#running = run.then(
      () => undefined,
      () => undefined,
    );
    void this.#running.then(() => {
      this.#running = null;
    });
    return run;
  }

  /** Stops the schedule and waits for a running sweep to finish its current batch. */
  async stop(): Promise<void> {
    this.#stopping.abort();
    clearTimeout(this.#timer);
    await this.#running?.catch(() => undefined);
  }

  #schedule(delayMs: number): void {
    if (this.#stopping.signal.aborted) return;
    this.#timer = setTimeout(() => {
      this.sweep()
        .catch((error: unknown) => this.#options.onError?.(error))
        .finally(() => this.#schedule(this.#options.intervalMs));
    }, delayMs);
    this.#timer.unref();
  }

  async #sweepBatches(): Promise<number> {
    const { store, retentionDays, batchRows, pauseMs, now } = this.#options;
    const started = now();
    const createdBefore = Math.floor(started / 1000) - retentionDays * SECONDS_PER_DAY;
    let deleted = 0;
    // Stored responses, then stored chat completions: both grow with traffic.
    for (const table of [store, store.chatCompletions]) {
      while (!this.#stopping.signal.aborted) {
        const batch = await table.deleteOlderThan(createdBefore, { maxRows: batchRows });
        deleted += batch;
        if (batch < batchRows) break;
        await sleep(pauseMs, undefined, { signal: this.#stopping.signal, ref: false }).catch(() => undefined);
      }
    }
    if (deleted > 0) this.#options.onSweep?.({ deleted, createdBefore, durationMs: now() - started });
    return deleted;
  }
}
