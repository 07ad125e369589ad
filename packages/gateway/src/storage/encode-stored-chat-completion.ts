import { withFields } from '@toolbridge/core';
import type { StoredChatCompletion } from './chat-completion-store.js';
import { storageDefaults } from './defaults.js';
import { StoreError } from './store-error.js';
import { encodeTraceColumns, type TraceColumns } from './trace-columns.js';

/** A stored completion as both backends write it. */
export interface EncodedChatCompletion extends TraceColumns {
  id: string;
  projectId: string;
  createdAt: number;
  model: string;
  metadataJson: string | null;
  messagesJson: string;
  completionJson: string;
}

function invalid(message: string, param: string): StoreError {
  return new StoreError({ code: 'invalid_argument', message, param });
}

/** Checks the invariants the store relies on and serializes the JSON once. */
export function encodeStoredChatCompletion(record: StoredChatCompletion): EncodedChatCompletion {
  const { id, createdAt, completion, messages, metadata, model } = record;
  if (typeof id !== 'string' || id === '' || id.length > storageDefaults.maxIdLength) {
    throw invalid(
      `id must be a non-empty string of at most ${storageDefaults.maxIdLength} characters.`,
      'id',
    );
  }
  if (!Number.isSafeInteger(createdAt) || createdAt < 0) {
    throw invalid(
      `createdAt must be a non-negative integer of unix seconds, got ${String(createdAt)}.`,
      'createdAt',
    );
  }
  if (typeof completion !== 'object' || completion === null || completion.id !== id) {
    throw invalid(`completion.id must equal the record id ${id}.`, 'completion.id');
  }
  if (!Array.isArray(messages)) throw invalid('messages must be an array.', 'messages');
  const usage = completion.usage ?? null;
  const columns = encodeTraceColumns(record.trace, {
    model,
    status: completion.choices[0]?.finish_reason ?? null,
    inputTokens: usage?.prompt_tokens ?? null,
    outputTokens: usage?.completion_tokens ?? null,
    cachedTokens: usage?.prompt_tokens_details?.cached_tokens ?? null,
  });
  return withFields(columns, {
    id,
    projectId: record.projectId ?? 'default',
    createdAt,
    model,
    metadataJson: metadata === null ? null : JSON.stringify(metadata),
    messagesJson: JSON.stringify(messages),
    completionJson: JSON.stringify(completion),
  });
}
