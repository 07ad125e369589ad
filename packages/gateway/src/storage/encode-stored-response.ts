import { stringifyWithShared } from '@toolbridge/core';
import { storageDefaults } from './defaults.js';
import { type IndexedItem, indexStoredItems } from './index-stored-items.js';
import type { StoredResponse } from './response-store.js';
import { StoreError } from './store-error.js';
import { encodeTraceColumns, type TraceColumns } from './trace-columns.js';

/** A record as both backends write it: scalar columns plus the two JSON documents as text. */
export interface EncodedStoredResponse {
  id: string;
  createdAt: number;
  previousResponseId: string | null;
  inputItemsJson: string;
  responseJson: string;
}

/** What `save` writes: the response row, its project, its viewer columns and its rows in the item index. */
export interface EncodedSave extends EncodedStoredResponse {
  projectId: string;
  /** `response.output` on its own, for chain loading (`loadChainItems`); null when it is not an array. */
  outputJson: string | null;
  indexedItems: IndexedItem[];
  columns: TraceColumns;
}

/**
 * Checks the invariants the store relies on (ids present and consistent, integer time),
 * serializes the JSON once and lists the item index rows. A violation is a gateway bug, reported
 * as `invalid_argument`.
 */
export function encodeStoredResponse(projectId: string, record: StoredResponse): EncodedSave {
  const { id, createdAt, previousResponseId, inputItems, response } = record;
  assertId(projectId, 'projectId');
  assertId(id, 'id');
  if (!Number.isSafeInteger(createdAt) || createdAt < 0) {
    throw invalid(
      `createdAt must be a non-negative integer of unix seconds, got ${String(createdAt)}.`,
      'createdAt',
    );
  }
  if (previousResponseId !== null) {
    assertId(previousResponseId, 'previousResponseId');
    if (previousResponseId === id) {
      throw invalid(`Response ${id} names itself as previousResponseId.`, 'previousResponseId');
    }
  }
  if (typeof response !== 'object' || response === null || response.id !== id) {
    throw invalid(`response.id must equal the record id ${id}.`, 'response.id');
  }
  if (!Array.isArray(inputItems)) {
    throw invalid('inputItems must be an array of items in resource form.', 'inputItems');
  }
  inputItems.forEach((item, index) => {
    const itemId: unknown = typeof item === 'object' && item !== null ? item.id : undefined;
    if (typeof itemId !== 'string' || itemId === '') {
      throw invalid(
        `inputItems[${index}] has no id. Assign ids (msg_…, fc_…) before saving; input_items pagination uses them.`,
        `inputItems[${index}].id`,
      );
    }
  });
  const inputItemsJson = stringify(inputItems, 'inputItems');
  // The echoed tools of a kept tool set are written from their kept text (docs/adr/0011-tool-set-cache.md).
  const responseJson =
    record.responseJson ?? stringify(response, 'response', (value) => stringifyWithShared(value, 'tools'));
  return {
    id,
    projectId,
    createdAt,
    previousResponseId,
    inputItemsJson,
    responseJson,
    outputJson: Array.isArray(response.output) ? stringify(response.output, 'response.output') : null,
    indexedItems: indexStoredItems(record),
    columns: encodeTraceColumns(record.trace, {
      model: typeof response.model === 'string' ? response.model : null,
      status: typeof response.status === 'string' ? response.status : null,
      inputTokens: response.usage?.input_tokens ?? null,
      outputTokens: response.usage?.output_tokens ?? null,
      cachedTokens: response.usage?.input_tokens_details?.cached_tokens ?? null,
    }),
  };
}

function assertId(value: unknown, param: string): void {
  if (typeof value !== 'string' || value === '' || value.length > storageDefaults.maxIdLength) {
    throw invalid(
      `${param} must be a non-empty string of at most ${storageDefaults.maxIdLength} characters.`,
      param,
    );
  }
}

function stringify<T extends object>(
  value: T,
  param: string,
  write: (value: T) => string = (plain) => JSON.stringify(plain),
): string {
  try {
    return write(value);
  } catch (error) {
    throw new StoreError({
      code: 'invalid_argument',
      message: `${param} is not JSON-serializable (${error instanceof Error ? error.message : String(error)}).`,
      cause: error,
      param,
    });
  }
}

function invalid(message: string, param: string): StoreError {
  return new StoreError({ code: 'invalid_argument', message, param });
}
