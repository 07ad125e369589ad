import { storageDefaults } from './defaults.js';
import type { StoredResponse } from './response-store.js';

/**
 * One row of the item index (ADR 0005): where an item sits in its response and, for an output
 * item, its JSON. Input items are read back from the response's `input_items` by `itemIndex`, so
 * the (large, already stored) conversation is not written twice.
 */
export interface IndexedItem {
  /** 0… over the response's input items, then its output items (input count + output index). */
  itemIndex: number;
  itemId: string;
  /** The output item as JSON text; null for an input item. */
  outputItemJson: string | null;
}

// A lone UTF-16 surrogate: the drivers write it to a text column as U+FFFD, so it could not match.
const LONE_SURROGATE = /\p{Cs}/u;

/**
 * True for ids the index holds: non-empty strings of at most `storageDefaults.maxIdLength`
 * characters, without NUL (PostgreSQL `text` cannot hold it) or lone surrogates. Real ids (`msg_…`,
 * `fc_…`) always qualify; any other id is never found.
 */
export function isIndexableItemId(id: unknown): id is string {
  return (
    typeof id === 'string' &&
    id !== '' &&
    id.length <= storageDefaults.maxIdLength &&
    !id.includes('\0') &&
    !LONE_SURROGATE.test(id)
  );
}

/**
 * The index rows of one record: every input item and every output item with an indexable id.
 * Output items without one (none the gateway produces) cannot be referenced and are skipped.
 */
export function indexStoredItems(record: StoredResponse): IndexedItem[] {
  const rows: IndexedItem[] = [];
  record.inputItems.forEach((item, itemIndex) => {
    const itemId: unknown = item.id;
    if (isIndexableItemId(itemId)) rows.push({ itemIndex, itemId, outputItemJson: null });
  });
  const output: unknown = record.response.output;
  if (!Array.isArray(output)) return rows;
  const offset = record.inputItems.length;
  output.forEach((item: unknown, outputIndex) => {
    const itemId = typeof item === 'object' && item !== null ? (item as { id?: unknown }).id : undefined;
    if (isIndexableItemId(itemId)) {
      rows.push({ itemIndex: offset + outputIndex, itemId, outputItemJson: JSON.stringify(item) });
    }
  });
  return rows;
}
