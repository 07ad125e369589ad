import { decodeStoredResponse } from './decode-stored-response.js';
import { storageDefaults } from './defaults.js';
import type { EncodedStoredResponse } from './encode-stored-response.js';
import type { LoadChainOptions, StoredResponse } from './response-store.js';
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

/**
 * Turns the rows of the recursive chain query into `loadChain`'s answer. The query walks at most
 * `maxDepth + 1` links, so `rows` (oldest first) either ends at a root, ends at a missing
 * ancestor, or was cut off because the chain is too long (or loops).
 */
export function assembleChain(
  id: string,
  rows: readonly EncodedStoredResponse[],
  maxDepth: number,
): StoredResponse[] | null {
  const oldest = rows[0];
  if (oldest === undefined) {
    return null;
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
  return rows.map(decodeStoredResponse);
}
