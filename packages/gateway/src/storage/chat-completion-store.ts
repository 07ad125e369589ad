/**
 * Stored Chat Completions (`store: true`), kept by the gateway itself as OpenAI keeps them
 * (docs/protocol/chat-completions.md#stored-completions). Every method takes a project id, `default`
 * unless given, so stores can be split per project.
 */
import type { ChatCompletion, ChatMessage } from '@toolbridge/core';
import type { StoredTrace } from './stored-trace.js';

/** One stored completion. */
export interface StoredChatCompletion {
  /** `chatcmpl-…`; equal to `completion.id`. */
  id: string;
  projectId?: string;
  /** Unix seconds. */
  createdAt: number;
  /** The model the client asked for (what `?model=` filters on). */
  model: string;
  /** The request's messages as the client sent them. */
  messages: ChatMessage[];
  /** The completion exactly as returned (the JSON body, or the stream accumulated). */
  completion: ChatCompletion;
  metadata: Record<string, string> | null;
  trace: StoredTrace;
}

/** Query of `GET /v1/chat/completions`. */
export interface ListChatCompletionsOptions {
  projectId?: string;
  model?: string;
  /** Every pair must match. */
  metadata?: ReadonlyArray<readonly [string, string]>;
  /** A completion id: the page starts after it, in `order`. Unknown → StoreError `invalid_cursor`. */
  after?: string;
  /** 1–100, default 20. */
  limit?: number;
  /** Default `asc` (oldest first), as OpenAI. */
  order?: 'asc' | 'desc';
}

/** One page of stored completions. */
export interface ChatCompletionsPage {
  data: StoredChatCompletion[];
  hasMore: boolean;
}

/** Storage of Chat Completions; every failure is a `StoreError`. */
export interface ChatCompletionStore {
  /** Durable when the promise resolves (the answer is sent only after). Same id twice → `conflict`. */
  save(record: StoredChatCompletion): Promise<void>;
  /** The record, or null if unknown, deleted or another project's. */
  get(id: string, projectId?: string): Promise<StoredChatCompletion | null>;
  list(options?: ListChatCompletionsOptions): Promise<ChatCompletionsPage>;
  /** Replaces the metadata (null clears it); the updated record, or null if unknown. */
  updateMetadata(
    id: string,
    metadata: Record<string, string> | null,
    projectId?: string,
  ): Promise<StoredChatCompletion | null>;
  /** True if it existed. */
  delete(id: string, projectId?: string): Promise<boolean>;
  /**
   * Retention: deletes completions created before `createdBefore` (unix seconds), of every project,
   * at most `maxRows` of them (one statement); returns how many (docs/configuration.md#retention).
   */
  deleteOlderThan(createdBefore: number, options: { maxRows: number }): Promise<number>;
}
