import { storageDefaults } from './defaults.js';
import type { InputItemsPage, ListInputItemsOptions, ResponsesInputItem } from './response-store.js';
import { StoreError } from './store-error.js';

const { defaultLimit, minLimit, maxLimit, defaultOrder } = storageDefaults.inputItems;

/**
 * One page of a response's input items with OpenAI's cursor semantics
 * (docs/protocol/responses.md#list-input-items): `after` is an item id and the page holds the items that
 * follow it in `order`. Shared by every backend so they cannot drift apart.
 */
export function paginateInputItems(
  items: readonly ResponsesInputItem[],
  options: ListInputItemsOptions = {},
): InputItemsPage {
  const { order = defaultOrder, limit = defaultLimit, after } = options;
  if (order !== 'asc' && order !== 'desc') {
    throw new StoreError({
      code: 'invalid_argument',
      message: `order must be 'asc' or 'desc', got '${String(order)}'.`,
      param: 'order',
    });
  }
  if (!Number.isInteger(limit) || limit < minLimit || limit > maxLimit) {
    throw new StoreError({
      code: 'invalid_argument',
      message: `limit must be an integer from ${minLimit} to ${maxLimit}, got ${String(limit)}.`,
      param: 'limit',
    });
  }
  const ordered = order === 'asc' ? items : [...items].reverse();
  let start = 0;
  if (after !== undefined) {
    const cursor = ordered.findIndex((item) => item.id === after);
    if (cursor === -1) {
      throw new StoreError({
        code: 'invalid_cursor',
        message: `after='${after}' is not an input item of this response. Pass the id of an item from a previous page (its last_id).`,
        param: 'after',
      });
    }
    start = cursor + 1;
  }
  const data = ordered.slice(start, start + limit);
  return {
    data,
    firstId: data[0]?.id ?? null,
    lastId: data.at(-1)?.id ?? null,
    hasMore: start + limit < ordered.length,
  };
}
