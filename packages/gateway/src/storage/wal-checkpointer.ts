import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/** Options of {@link WalCheckpointer.start}. */
export interface WalCheckpointerOptions {
  /** Time between two passes of the worker. */
  intervalMs: number;
  busyTimeoutMs: number;
}

/** What the worker posts after each pass that found a log: its frames, and how many are in the database. */
export interface WalCheckpointPass {
  logFrames: number;
  checkpointedFrames: number;
}

/**
 * The worker: its own connection to the file and a PASSIVE checkpoint every `intervalMs`, which never
 * waits for and never blocks the gateway's connection. Source text run with `eval`, so the same code
 * runs from the built package and from the TypeScript sources under test; better-sqlite3 is loaded from
 * the path the gateway itself resolved.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.sqlite);
const database = new Database(workerData.path, { fileMustExist: true });
database.pragma('busy_timeout = ' + workerData.busyTimeoutMs);
const checkpoint = database.prepare('PRAGMA wal_checkpoint(PASSIVE)');
const timer = setInterval(() => {
  const row = checkpoint.get();
  if (row !== undefined && row.log > 0) {
    parentPort.postMessage({ logFrames: row.log, checkpointedFrames: row.checkpointed });
  }
}, workerData.intervalMs);
parentPort.on('close', () => {
  clearInterval(timer);
  database.close();
});
`;

const sqliteEntry = createRequire(import.meta.url).resolve('better-sqlite3');

/**
 * Copies the write-ahead log into the database file from a worker thread, ahead of SQLite's own
 * checkpoint. SQLite checkpoints inside whichever commit takes the log past `wal_autocheckpoint`
 * pages, and the request behind that commit waits while the pages written since the last checkpoint
 * are copied: with 10,000 pages the S3 bench's p99 was 87 ms, against 24 ms at 1,000 pages, which cost
 * more CPU per request (bench/README.md). The gateway's connection keeps its automatic checkpoint, which
 * bounds the log and restarts it, but by the time it runs the worker's passes have copied all but the
 * last `intervalMs` of writes. Written here because no library runs SQLite checkpoints off the main thread.
 */
export class WalCheckpointer {
  readonly #worker: Worker;
  #last: WalCheckpointPass | undefined;

  private constructor(worker: Worker) {
    this.#worker = worker;
  }

  /** Starts the worker for the database file at `path` (absolute). */
  static start(path: string, { intervalMs, busyTimeoutMs }: WalCheckpointerOptions): WalCheckpointer {
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { path, intervalMs, busyTimeoutMs, sqlite: sqliteEntry },
    });
    // A worker keeps the process alive; the checkpoints are no reason to.
    worker.unref();
    const checkpointer = new WalCheckpointer(worker);
    worker.on('message', (pass: WalCheckpointPass) => {
      checkpointer.#last = pass;
    });
    // A failed worker only means SQLite's own checkpoints do all the copying again, as before it existed.
    worker.on('error', () => {});
    return checkpointer;
  }

  /** The frame counts of the worker's last pass that found a log, if any. */
  get lastPass(): WalCheckpointPass | undefined {
    return this.#last;
  }

  /** Stops the worker (before the gateway's connection closes, which checkpoints whatever is left). */
  async stop(): Promise<void> {
    await this.#worker.terminate();
  }
}
