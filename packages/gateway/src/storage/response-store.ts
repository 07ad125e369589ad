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

/** The project of a gateway without client keys, and of every row stored before projects existed. */
export const DEFAULT_PROJECT_ID = 'default';

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
  /**
   * `response`'s JSON text when the caller already wrote it (the gateway serialises a final Response
   * once, for the store and the client); the store then writes it instead of serialising again.
   */
  responseJson?: string;
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

/** Options of `deleteOlderThan`. */
export interface DeleteOlderThanOptions {
  /** Most rows to delete in this call (a positive integer); default: every older row. */
  maxRows?: number;
}

/** One page of input items; the route adds `object: "list"` and renames to snake_case. */
export interface InputItemsPage {
  data: ResponsesInputItem[];
  firstId: string | null;
  lastId: string | null;
  hasMore: boolean;
}

/**
 * Storage for Responses state; every failure is a `StoreError`.
 *
 * Every record belongs to one project (docs/configuration.md#projects-keys-and-limits): each method
 * that saves, reads, lists or deletes takes the caller's `projectId` first and sees only that
 * project's records. A record of another project behaves exactly like one that does not exist
 * (null, `false`, absent from maps, `broken_chain`), so a gateway answers as OpenAI does for an
 * unknown id. Ids stay globally unique (`conflict` whatever the project). A new kind of stored
 * record (a new table) follows the same rule: a `project_id` column and `projectId` first.
 */
export interface ResponseStore {
  /**
   * Durable when the promise resolves (the gateway sends the terminal event / 200 only after), and
   * visible to every read started after that. Same id twice → StoreError `conflict`.
   */
  save(projectId: string, record: StoredResponse): Promise<void>;
  /** The record, or null if unknown, deleted or of another project. */
  get(projectId: string, id: string): Promise<StoredResponse | null>;
  /**
   * The stored items with these ids, for `item_reference` (docs/protocol/responses.md#input-items, E18):
   * input and output items of every stored, not deleted response, in one query. Unknown ids are absent from
   * the map; an id stored in several responses (a client echoed an item) gives the copy of the oldest
   * response.
   */
  findItems(projectId: string, ids: readonly string[]): Promise<Map<string, ResponsesInputItem>>;
  /** True if it existed in this project. Deleted responses are gone for get/loadChain/listInputItems/findItems. */
  delete(projectId: string, id: string): Promise<boolean>;
  /**
   * Follows previousResponseId links from `id` up to the root and returns the records oldest
   * first; null if `id` is unknown. A missing ancestor → StoreError `broken_chain` naming it; more
   * than `maxDepth` records → `chain_too_long`. One query on every backend. The chain never leaves
   * the project: an ancestor of another project counts as missing.
   */
  loadChain(projectId: string, id: string, options?: LoadChainOptions): Promise<StoredResponse[] | null>;
  /**
   * The conversation `id` continues (docs/protocol/responses.md#previous_response_id): for each record of
   * its chain, oldest first, its input items then its response's output items; null if `id` is unknown.
   * Fails as `loadChain` does. Reads no Response: each echoes every tool of its turn, 20 KB for 50 tools,
   * and an agent's chain repeats them on every record.
   */
  loadChainItems(
    projectId: string,
    id: string,
    options?: LoadChainOptions,
  ): Promise<ResponsesInputItem[] | null>;
  /**
   * One page of this response's input items; null if the response is unknown. An unknown `after`
   * → StoreError `invalid_cursor`; a bad limit or order → `invalid_argument`.
   */
  listInputItems(
    projectId: string,
    id: string,
    options?: ListInputItemsOptions,
  ): Promise<InputItemsPage | null>;
  /**
   * Retention: deletes responses created before `createdBefore` (unix seconds), of every project, in
   * statements of at most `storageDefaults.retentionBatchSize` rows; returns how many. `maxRows` stops
   * after that many, so a scheduler can pause between calls (`retention-sweeper.ts`).
   */
  deleteOlderThan(createdBefore: number, options?: DeleteOlderThanOptions): Promise<number>;
  /** Releases the database; later calls fail with `closed`. Calling it twice is harmless. */
  close(): Promise<void>;
  /** Stored Chat Completions, in the same database (docs/protocol/chat-completions.md#stored-completions). */
  readonly chatCompletions: ChatCompletionStore;
  /** The trace viewer's list of both kinds of stored turns (docs/observability.md#trace-viewer). */
  readonly traffic: TrafficStore;
}
