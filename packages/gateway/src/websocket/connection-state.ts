import type { ResponsesInputItem } from '@toolbridge/core';
import type { HeldPrior } from '../routes/responses-create.js';

interface Latest extends HeldPrior {
  id: string;
}

/**
 * The connection-local memory of WebSocket mode (docs/open-responses.md#websocket-mode): the most recent
 * response's whole conversation, so a continuation needs no store read and a `store: false` response can
 * be continued on the socket that made it, and nowhere else. Holding one response bounds the memory a
 * connection keeps to one conversation.
 */
export class ConnectionState {
  #latest: Latest | null = null;

  /** The conversation behind `id` when it is the response this connection holds. */
  lookup(id: string): HeldPrior | undefined {
    const latest = this.#latest;
    return latest !== null && latest.id === id
      ? { items: latest.items, persisted: latest.persisted }
      : undefined;
  }

  /** Holds a finished response: its conversation (input and output items), and whether the store has it. */
  remember(id: string, items: ResponsesInputItem[], persisted: boolean): void {
    this.#latest = { id, items, persisted };
  }

  /** Forgets `id` after a continuation from it failed (the spec's eviction rule). */
  evict(id: string): void {
    if (this.#latest?.id === id) this.#latest = null;
  }
}
