import { type ChatCompletion, type ChatMessage, safeParseJson } from '@toolbridge/core';
import type { StoredChatCompletion } from './chat-completion-store.js';
import { StoreError } from './store-error.js';
import { decodeTrace, type TraceRow } from './trace-columns.js';

/** A stored completion's row as both backends read it (JSON as text). */
export interface ChatCompletionRow extends TraceRow {
  id: string;
  projectId: string;
  createdAt: number;
  model: string;
  metadataJson: string | null;
  messagesJson: string;
  completionJson: string;
}

function parse(row: ChatCompletionRow, column: string, text: string): unknown {
  const parsed = safeParseJson(text);
  if (!parsed.success) {
    throw new StoreError({
      code: 'corrupt_record',
      message: `Stored chat completion ${row.id} cannot be read: ${column} is not valid JSON. Delete it (DELETE /v1/chat/completions/${row.id}) or restore the database from a backup.`,
    });
  }
  return parsed.value;
}

/** Turns a row back into a record (the JSON was written by `encodeStoredChatCompletion`). */
export function decodeStoredChatCompletion(row: ChatCompletionRow): StoredChatCompletion {
  const metadata = row.metadataJson === null ? null : parse(row, 'metadata', row.metadataJson);
  const messages = parse(row, 'messages', row.messagesJson);
  return {
    id: row.id,
    projectId: row.projectId,
    createdAt: Number(row.createdAt),
    model: row.model,
    messages: Array.isArray(messages) ? (messages as ChatMessage[]) : [],
    completion: parse(row, 'completion', row.completionJson) as ChatCompletion,
    metadata:
      typeof metadata === 'object' && metadata !== null && !Array.isArray(metadata)
        ? (metadata as Record<string, string>)
        : null,
    trace: decodeTrace(row),
  };
}

/** Checks list bounds the way every backend must (docs/protocol/chat-completions.md#stored-completions). */
export function checkListBounds(limit: number, order: string): void {
  if (order !== 'asc' && order !== 'desc') {
    throw new StoreError({
      code: 'invalid_argument',
      message: `order must be 'asc' or 'desc', got '${order}'.`,
      param: 'order',
    });
  }
  if (!Number.isInteger(limit) || limit < 1 || limit > 100) {
    throw new StoreError({
      code: 'invalid_argument',
      message: `limit must be an integer from 1 to 100, got ${String(limit)}.`,
      param: 'limit',
    });
  }
}

/** The StoreError for an `after` that names no stored completion. */
export function unknownCursor(after: string): StoreError {
  return new StoreError({
    code: 'invalid_cursor',
    message: `after='${after}' is not a stored chat completion. Pass the id of a completion from a previous page (its last_id).`,
    param: 'after',
  });
}

/** The StoreError for a completion id that is stored already. */
export function chatConflict(id: string): StoreError {
  return new StoreError({
    code: 'conflict',
    message: `A chat completion with id ${id} is already stored. Ids must be unique; generate a new one.`,
  });
}
