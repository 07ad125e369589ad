import { type DestinationStream, pino } from 'pino';
import { gatewayDefaults } from '../defaults.js';

/** Options of {@link LogDestination}. */
export interface LogDestinationOptions {
  /** File descriptor to write to (1 = stdout). */
  fd?: number;
  /** Bytes collected before a write; a busy gateway writes in chunks this big. */
  minLength?: number;
  /** Longest time a line waits before it is written: what a person watching the log waits at most. */
  flushIntervalMs?: number;
  /** Rewrites each line before it is buffered (the `pretty` format). */
  format?: (line: string) => string;
}

const live = new Set<WeakRef<LogDestination>>();
let exitHooked = false;

/** Writes what every live destination still holds when the process is about to exit. */
function flushAllAtExit(): void {
  for (const reference of live) reference.deref()?.flushSync();
}

/**
 * Registers the exit hooks once per process, before pino registers its own for the stream behind
 * (`pino.destination`), so our buffered lines reach that stream before pino's last `flushSync`.
 */
function track(destination: LogDestination): void {
  for (const reference of live) if (reference.deref() === undefined) live.delete(reference);
  live.add(new WeakRef(destination));
  if (exitHooked) return;
  exitHooked = true;
  process.once('beforeExit', flushAllAtExit);
  process.once('exit', flushAllAtExit);
}

/**
 * The gateway's log stream: lines are collected and written in `minLength` chunks, so a busy gateway
 * pays one write per ~8 KiB as before, and a timer armed by the first line of a chunk writes whatever
 * is there within `flushIntervalMs`, so a quiet gateway's lines show up at once (docs/configuration.md#logs).
 * The timer only exists while a line is waiting and never keeps the process alive.
 * Written here rather than relying on pino's `minLength` alone: that buffer has no time bound, and
 * flushing it from outside is skipped while a write is in progress.
 */
export class LogDestination implements DestinationStream {
  readonly #stream: ReturnType<typeof pino.destination>;
  readonly #minLength: number;
  readonly #flushIntervalMs: number;
  readonly #format: ((line: string) => string) | undefined;
  #pending = '';
  #timer: NodeJS.Timeout | null = null;
  readonly #onTimer = (): void => {
    this.#timer = null;
    this.#drain();
  };

  constructor({
    fd = 1,
    minLength = gatewayDefaults.logging.chunkBytes,
    flushIntervalMs = gatewayDefaults.logging.flushIntervalMs,
    format,
  }: LogDestinationOptions = {}) {
    this.#minLength = minLength;
    this.#flushIntervalMs = flushIntervalMs;
    this.#format = format;
    track(this);
    // minLength 0: everything handed over is written as soon as the previous write is done.
    this.#stream = pino.destination({ dest: fd, sync: false, minLength: 0 });
  }

  write(line: string): void {
    this.#pending += this.#format === undefined ? line : this.#format(line);
    if (this.#pending.length >= this.#minLength) {
      this.#drain();
    } else if (this.#timer === null) {
      this.#timer = setTimeout(this.#onTimer, this.#flushIntervalMs);
      this.#timer.unref();
    }
  }

  /** Writes what is waiting now (pino's `logger.flush()` calls this, e.g. when the gateway closes). */
  flush(callback?: (error?: Error) => void): void {
    this.flushSync();
    callback?.();
  }

  /** Writes what is waiting, synchronously: for shutdown and exit. */
  flushSync(): void {
    this.#drain();
    try {
      this.#stream.flushSync();
    } catch {
      // A stream that is still opening or already closed has nothing of ours left to write.
    }
  }

  #drain(): void {
    if (this.#timer !== null) {
      clearTimeout(this.#timer);
      this.#timer = null;
    }
    if (this.#pending === '') return;
    const chunk = this.#pending;
    this.#pending = '';
    this.#stream.write(chunk);
  }
}
