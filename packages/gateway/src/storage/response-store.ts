/**
 * The gateway's own Responses state, so `previous_response_id` works over stateless upstreams
 * (docs/protocol/responses.md). One interface, one conformance suite (`response-store.case.ts`), two
 * backends.
 */
import type { ResponseObject, ResponsesInputItem } from '@toolbridge/core';
import type { ChatCompletionStore } from './chat-completion-store.js';
import type { StoredTrace } from './stored-trace.js';
import type { TrafficStore } from './traffic-store.js';

export type { ResponseObject, ResponsesInputItem };

/** One stored response: what `GET /v1/responses/{id}`, input_items and chain loading need. */
export interface StoredResponse {
  /** `resp_…`; equal to `response.id`. */
  id: string;
  /** Unix seconds; retention compares against it. */
  createdAt: number;
  previousResponseId: string | null;
  /**
   * This request's own input items in resource form (every item has an id and, for
   * function_call(_output), a status). Instructions are NOT items.
   */
  inputItems: ResponsesInputItem[];
  /** The Response object exactly as returned to the client (its `output` holds the output items). */
  response: ResponseObject;
  /** The viewer's metadata (provider, latency, cost, adjustments, repairs), in columns beside the JSON. */
  trace?: StoredTrace;
}

/** Options of `loadChain`. */
export interface LoadChainOptions {
  /** Most records to return; a longer chain fails with `chain_too_long`. */
  maxDepth?: number;
}

/** Query of `GET /v1/responses/{id}/input_items` (docs/protocol/responses.md#list-input-items). */
export interface ListInputItemsOptions {
  /** Default `desc`: newest (last sent) item first. */
  order?: 'asc' | 'desc';
  /** 1–100, default 20. */
  limit?: number;
  /** Item id cursor: return the items after this one in `order`. */
  after?: string;
}

/** One page of input items; the route adds `object: "list"` and renames to snake_case. */
export interface InputItemsPage {
  data: ResponsesInputItem[];
  firstId: string | null;
  lastId: string | null;
  hasMore: boolean;
}

/** Storage for Responses state; every failure is a `StoreError`. */
export interface ResponseStore {
  /**
   * Durable when the promise resolves (the gateway sends the terminal event / 200 only after), and
   * visible to every read started after that. Same id twice → StoreError `conflict`.
   */
  save(record: StoredResponse): Promise<void>;
  /** The record, or null if unknown or deleted. */
  get(id: string): Promise<StoredResponse | null>;
  /**
   * The stored items with these ids, for `item_reference` (docs/protocol/responses.md#input-items, E18):
   * input and output items of every stored, not deleted response, in one query. Unknown ids are absent from
   * the map; an id stored in several responses (a client echoed an item) gives the copy of the oldest
   * response.
   */
  findItems(ids: readonly string[]): Promise<Map<string, ResponsesInputItem>>;
  /** True if it existed. Deleted responses are gone for get/loadChain/listInputItems/findItems. */
  delete(id: string): Promise<boolean>;
  /**
   * Follows previousResponseId links from `id` up to the root and returns the records oldest
   * first; null if `id` is unknown. A missing ancestor → StoreError `broken_chain` naming it; more
   * than `maxDepth` records → `chain_too_long`. One query on every backend.
   */
  loadChain(id: string, options?: LoadChainOptions): Promise<StoredResponse[] | null>;
  /**
   * One page of this response's input items; null if the response is unknown. An unknown `after`
   * → StoreError `invalid_cursor`; a bad limit or order → `invalid_argument`.
   */
  listInputItems(id: string, options?: ListInputItemsOptions): Promise<InputItemsPage | null>;
  /** Retention: deletes responses created before `createdBefore` (unix seconds); returns how many. */
  deleteOlderThan(createdBefore: number): Promise<number>;
  /** Releases the database; later calls fail with `closed`. Calling it twice is harmless. */
  close(): Promise<void>;
  /** Stored Chat Completions, in the same database (docs/protocol/chat-completions.md#stored-completions). */
  readonly chatCompletions: ChatCompletionStore;
  /** The trace viewer's list of both kinds of stored turns (docs/observability.md#trace-viewer). */
  readonly traffic: TrafficStore;
}
