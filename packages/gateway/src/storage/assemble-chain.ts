import { decodeInputItems, decodeOutputItems, decodeStoredResponse } from './decode-stored-response.js';
import { storageDefaults } from './defaults.js';
import type { EncodedStoredResponse } from './encode-stored-response.js';
import type { LoadChainOptions, ResponsesInputItem, StoredResponse } from './response-store.js';
import { StoreError } from './store-error.js';

/** Reads `maxDepth` from `loadChain` options: a positive integer, default `storageDefaults.maxChainDepth`. */
export function resolveMaxDepth(options: LoadChainOptions | undefined): number {
  const maxDepth = options?.maxDepth ?? storageDefaults.maxChainDepth;
  if (!Number.isSafeInteger(maxDepth) || maxDepth < 1) {
    throw new StoreError({
      code: 'invalid_argument',
      message: `maxDepth must be a positive integer, got ${String(maxDepth)}.`,
      param: 'maxDepth',
    });
  }
  return maxDepth;
}

/** One link of a chain as `loadChainItems` reads it: the items, without the Response. */
export interface EncodedChainLink {
  id: string;
  previousResponseId: string | null;
  inputItemsJson: string;
  /** The Response's `output`; null when the row holds none that can be read. */
  outputJson: string | null;
}

/**
 * Checks the rows of the recursive chain query: false when `id` is unknown (no rows). The query walks
 * at most `maxDepth + 1` links, so `rows` (oldest first) either ends at a root, ends at a missing
 * ancestor, or was cut off because the chain is too long (or loops); the last two throw.
 */
function checkChain(
  id: string,
  rows: readonly { previousResponseId: string | null }[],
  maxDepth: number,
): boolean {
  const oldest = rows[0];
  if (oldest === undefined) {
    return false;
  }
  if (rows.length > maxDepth) {
    throw new StoreError({
      code: 'chain_too_long',
      message: `The previous_response_id chain of ${id} has more than ${maxDepth} responses. Start a new conversation, or raise maxDepth.`,
      responseId: id,
    });
  }
  if (oldest.previousResponseId !== null) {
    throw new StoreError({
      code: 'broken_chain',
      message: `Previous response with id '${oldest.previousResponseId}' not found (an ancestor of ${id}; it was deleted or expired).`,
      responseId: oldest.previousResponseId,
    });
  }
  return true;
}

/** Turns the rows of the recursive chain query into `loadChain`'s answer (see `checkChain`). */
export function assembleChain(
  id: string,
  rows: readonly EncodedStoredResponse[],
  maxDepth: number,
): StoredResponse[] | null {
  return checkChain(id, rows, maxDepth) ? rows.map(decodeStoredResponse) : null;
}

/** Turns the rows of the chain query into `loadChainItems`' answer: each link's input, then output items. */
export function assembleChainItems(
  id: string,
  rows: readonly EncodedChainLink[],
  maxDepth: number,
): ResponsesInputItem[] | null {
  if (!checkChain(id, rows, maxDepth)) return null;
  const items: ResponsesInputItem[] = [];
  for (const row of rows) {
    items.push(...decodeInputItems(row.id, row.inputItemsJson), ...decodeOutputItems(row.id, row.outputJson));
  }
  return items;
}
