import { storageDefaults } from './defaults.js';
import { isIndexableItemId } from './index-stored-items.js';
import type { ResponsesInputItem } from './response-store.js';
import { StoreError } from './store-error.js';

/** One hit of a `findItems` query: the item's id, its response and the decoded item. */
export interface FoundItemRow {
  itemId: string;
  responseId: string;
  /** The item as read back (`parseItemJson`); anything but an object with this id is corrupt. */
  item: unknown;
}

/**
 * The distinct ids of a `findItems` call that the index can hold (others are never found), or
 * `invalid_argument` for a non-string id or more than `storageDefaults.maxFindItemsIds` ids.
 */
export function lookupIds(ids: readonly string[]): string[] {
  if (!Array.isArray(ids)) {
    throw new StoreError({
      code: 'invalid_argument',
      message: 'ids must be an array of item ids.',
      param: 'ids',
    });
  }
  ids.forEach((id: unknown, index) => {
    if (typeof id !== 'string') {
      throw new StoreError({
        code: 'invalid_argument',
        message: `ids[${index}] must be a string item id, got ${typeof id}.`,
        param: `ids[${index}]`,
      });
    }
  });
  const distinct = [...new Set(ids)];
  if (distinct.length > storageDefaults.maxFindItemsIds) {
    throw new StoreError({
      code: 'invalid_argument',
      message: `findItems takes at most ${storageDefaults.maxFindItemsIds} distinct ids, got ${distinct.length}. Split the lookup.`,
      param: 'ids',
    });
  }
  return distinct.filter(isIndexableItemId);
}

/**
 * Turns the rows of a `findItems` query into its answer. Rows come oldest response first, so when a
 * client echoed an item into a later response, the item from the response that first stored it wins.
 */
export function collectFoundItems(rows: readonly FoundItemRow[]): Map<string, ResponsesInputItem> {
  const found = new Map<string, ResponsesInputItem>();
  for (const { itemId, responseId, item } of rows) {
    if (found.has(itemId)) continue;
    if (!isObject(item) || item['id'] !== itemId) {
      throw new StoreError({
        code: 'corrupt_record',
        message: `Stored response ${responseId} cannot be read: its item ${itemId} does not match the item index. Delete it (DELETE /v1/responses/${responseId}) or restore the database from a backup.`,
        responseId,
      });
    }
    found.set(itemId, item as ResponsesInputItem);
  }
  return found;
}

/** Parses an item read from the database; undefined when it is missing or not JSON. */
export function parseItemJson(json: string | null): unknown {
  if (json === null) return undefined;
  try {
    return JSON.parse(json);
  } catch {
    return undefined;
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
