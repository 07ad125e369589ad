import { CoreError } from '../errors/core-error.js';
import type { CanonicalStreamEvent } from './canonical-stream-event.js';

interface Entry<Key> {
  key: Key;
  queue: CanonicalStreamEvent[];
  ended: boolean;
}

const MERGEABLE = new Set(['text-delta', 'refusal-delta', 'tool-call-delta']);

/** Appends to a held queue, merging consecutive deltas of one kind so holding stays one string. */
function enqueue(queue: CanonicalStreamEvent[], event: CanonicalStreamEvent): void {
  const last = queue.at(-1);
  if (
    last !== undefined &&
    last.type === event.type &&
    MERGEABLE.has(event.type) &&
    'delta' in last &&
    'delta' in event
  ) {
    // spread-ok: `last` has a `delta` (checked above), so the clone gains no property
    // (docs/adr/0014-memory-under-load.md); this runs for every merged fragment.
    queue[queue.length - 1] = { ...last, delta: last.delta + event.delta } as CanonicalStreamEvent;
    return;
  }
  queue.push(event);
}

/**
 * Serializes items that an upstream may interleave into the canonical one-item-at-a-time order.
 * The oldest unfinished item is live and its events pass straight through; events of later items
 * are held (merged) until every item before them has ended, then released in order. Upstreams that
 * send items one after another therefore never wait.
 */
export class ItemSequencer<Key> {
  readonly #entries: Entry<Key>[] = [];
  readonly #byKey = new Map<Key, Entry<Key>>();

  /** The key of the live item, if any. */
  get live(): Key | undefined {
    return this.#entries[0]?.key;
  }

  /** Keys of items opened and not yet ended, oldest first. */
  get openKeys(): Key[] {
    return this.#entries.filter((entry) => !entry.ended).map((entry) => entry.key);
  }

  /** True while an item with this key is open or still held. */
  has(key: Key): boolean {
    return this.#byKey.has(key);
  }

  /** Starts a new item with its first event; returns what may be emitted now. */
  open(key: Key, start: CanonicalStreamEvent): CanonicalStreamEvent[] {
    if (this.#byKey.has(key)) {
      throw new CoreError({
        code: 'invalid_stream',
        message: `Stream item ${String(key)} was opened twice.`,
      });
    }
    const entry: Entry<Key> = { key, queue: [], ended: false };
    this.#entries.push(entry);
    this.#byKey.set(key, entry);
    return this.#route(entry, start);
  }

  /** Adds an event (a delta) to an open item. */
  push(key: Key, event: CanonicalStreamEvent): CanonicalStreamEvent[] {
    return this.#route(this.#get(key), event);
  }

  /** Ends an item, with its closing event if it has one; releases the items held behind it. */
  end(key: Key, event?: CanonicalStreamEvent): CanonicalStreamEvent[] {
    const entry = this.#get(key);
    const out = event === undefined ? [] : this.#route(entry, event);
    entry.ended = true;
    if (entry === this.#entries[0]) out.push(...this.#advance());
    return out;
  }

  #get(key: Key): Entry<Key> {
    const entry = this.#byKey.get(key);
    if (entry === undefined || entry.ended) {
      throw new CoreError({ code: 'invalid_stream', message: `Stream item ${String(key)} is not open.` });
    }
    return entry;
  }

  #route(entry: Entry<Key>, event: CanonicalStreamEvent): CanonicalStreamEvent[] {
    if (entry === this.#entries[0]) return [event];
    enqueue(entry.queue, event);
    return [];
  }

  #advance(): CanonicalStreamEvent[] {
    const out: CanonicalStreamEvent[] = [];
    let head = this.#entries[0];
    while (head?.ended) {
      this.#entries.shift();
      this.#byKey.delete(head.key);
      head = this.#entries[0];
      if (head === undefined) break;
      out.push(...head.queue);
      head.queue = [];
    }
    return out;
  }
}
