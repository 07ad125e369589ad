import type { CanonicalItem } from '@toolbridge/core';

/** What the next request sends: the whole history, or the new items after a stored response. */
export interface ConversationInput {
  items: readonly CanonicalItem[];
  previousResponseId: string | null;
}

/**
 * The run's history, plus how much of it the server already holds. In `server` mode the next request
 * carries `previous_response_id` and only the items added since that response; in `replay` mode it
 * carries everything (docs/protocol/responses.md#previous_response_id). Switching to replay is one-way.
 */
export class Conversation {
  readonly #items: CanonicalItem[];
  #mode: 'server' | 'replay';
  #previousResponseId: string | null = null;
  #serverHolds = 0;

  constructor({ items, mode }: { items: readonly CanonicalItem[]; mode: 'server' | 'replay' }) {
    this.#items = [...items];
    this.#mode = mode;
  }

  /** The full history so far. */
  get items(): readonly CanonicalItem[] {
    return this.#items;
  }

  get mode(): 'server' | 'replay' {
    return this.#mode;
  }

  /** The id of the last response appended, whatever the mode. */
  get lastResponseId(): string | null {
    return this.#previousResponseId;
  }

  nextInput(): ConversationInput {
    if (this.#mode === 'replay' || this.#previousResponseId === null) {
      return { items: this.#items, previousResponseId: null };
    }
    return { items: this.#items.slice(this.#serverHolds), previousResponseId: this.#previousResponseId };
  }

  /** From now on every request replays the whole history. */
  switchToReplay(): void {
    this.#mode = 'replay';
  }

  /** Appends a response's output items; in `server` mode the server now holds everything up to here. */
  appendResponse(responseId: string, output: readonly CanonicalItem[]): void {
    this.#items.push(...output);
    this.#previousResponseId = responseId;
    this.#serverHolds = this.#items.length;
  }

  /** Appends items the client adds (tool results). */
  append(items: readonly CanonicalItem[]): void {
    this.#items.push(...items);
  }
}
