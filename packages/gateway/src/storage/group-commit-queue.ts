/**
 * Commits a batch synchronously and reports each entry's outcome in order: `undefined` when it
 * was committed, the error that rejects that entry otherwise. Throwing fails the whole batch.
 */
export type CommitBatch<Entry> = (entries: readonly Entry[]) => ReadonlyArray<Error | undefined>;

interface Waiter<Entry> {
  entry: Entry;
  resolve: () => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit (ADR 0005): entries enqueued in the same event-loop turn are committed together by
 * one `commit` call, run from a `setImmediate` scheduled by the first of them, so every request whose
 * I/O completed in that turn shares one transaction. Each promise settles only after the commit.
 */
export class GroupCommitQueue<Entry> {
  readonly #commit: CommitBatch<Entry>;
  #waiters: Array<Waiter<Entry>> = [];
  #scheduled = false;

  constructor(commit: CommitBatch<Entry>) {
    this.#commit = commit;
  }

  /** Resolves once `entry` is committed; rejects with its own error or the batch's. */
  enqueue(entry: Entry): Promise<void> {
    return new Promise<void>((resolve, reject) => {
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
    let outcomes: ReadonlyArray<Error | undefined>;
    try {
      outcomes = this.#commit(waiters.map((waiter) => waiter.entry));
    } catch (error) {
      for (const waiter of waiters) waiter.reject(error);
      return;
    }
    waiters.forEach((waiter, index) => {
      const outcome =
        index < outcomes.length
          ? outcomes[index]
          : new Error('The batch commit reported no outcome for this entry.');
      if (outcome === undefined) waiter.resolve();
      else waiter.reject(outcome);
    });
  }
}
