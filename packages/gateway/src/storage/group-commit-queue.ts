/**
 * Commits a batch synchronously and reports each entry's outcome in order: its result when it was
 * committed (`undefined` for a plain write), the error that rejects that entry otherwise (a result
 * is never an `Error`). Throwing fails the whole batch.
 */
export type CommitBatch<Entry, Result = undefined> = (
  entries: readonly Entry[],
) => ReadonlyArray<Result | Error>;

interface Waiter<Entry, Result> {
  entry: Entry;
  resolve: (result: Result) => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit (ADR 0005): entries enqueued in the same event-loop turn are committed together by
 * one `commit` call, run from a `setImmediate` scheduled by the first of them, so every request whose
 * I/O completed in that turn shares one transaction. Each promise settles only after the commit.
 */
export class GroupCommitQueue<Entry, Result = undefined> {
  readonly #commit: CommitBatch<Entry, Result>;
  #waiters: Array<Waiter<Entry, Result>> = [];
  #scheduled = false;

  constructor(commit: CommitBatch<Entry, Result>) {
    this.#commit = commit;
  }

  /** Resolves with `entry`'s result once it is committed; rejects with its own error or the batch's. */
  enqueue(entry: Entry): Promise<Result> {
    return new Promise<Result>((resolve, reject) => {
      this.#waiters.push({ entry, resolve, reject });
      if (!this.#scheduled) {
        this.#scheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  /** Commits everything enqueued so far now (also used before closing the database). */
  flush(): void {
    this.#scheduled = false;
    const waiters = this.#waiters;
    if (waiters.length === 0) return;
    this.#waiters = [];
    let outcomes: ReadonlyArray<Result | Error>;
    try {
      outcomes = this.#commit(waiters.map((waiter) => waiter.entry));
    } catch (error) {
      for (const waiter of waiters) waiter.reject(error);
      return;
    }
    waiters.forEach((waiter, index) => {
      const outcome =
        index < outcomes.length
          ? (outcomes[index] as Result | Error)
          : new Error('The batch commit reported no outcome for this entry.');
      if (outcome instanceof Error) waiter.reject(outcome);
      else waiter.resolve(outcome);
    });
  }
}
