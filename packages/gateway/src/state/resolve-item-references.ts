import type { ResponsesInputItem } from '@toolbridge/core';
import { GatewayError } from '../errors/gateway-error.js';
import { storageDefaults } from '../storage/defaults.js';
import type { ResponseStore } from '../storage/response-store.js';

/** Options of `resolveItemReferences`. */
export interface ResolveItemReferencesOptions {
  /** The request's own input, item references included. */
  input: readonly ResponsesInputItem[];
  /** The `previous_response_id` conversation (inputs and outputs, oldest first); may be empty. */
  prior: readonly ResponsesInputItem[];
  /** Looked up for the references the conversation does not hold. */
  store: Pick<ResponseStore, 'findItems'>;
  /** The caller's project: items of other projects are not found (E18). */
  projectId: string;
  /** Checked before the store lookup (a RequestAbort or an AbortSignal). */
  signal?: { throwIfAborted(): void };
}

/**
 * Replaces `item_reference`s by the items they name: first from the conversation so far, then from
 * every stored response of the caller's project, in one store query (clients such as the Vercel AI SDK reference earlier
 * outputs without `previous_response_id`). Ids found nowhere are a 404 with OpenAI's text (E18,
 * docs/protocol/errors.md).
 */
export async function resolveItemReferences(
  options: ResolveItemReferencesOptions,
): Promise<ResponsesInputItem[]> {
  const { input, prior, store, projectId, signal } = options;
  const references = input.filter(isReference);
  // The same array when there is nothing to resolve: callers can tell by identity.
  if (references.length === 0) return input as ResponsesInputItem[];
  const byId = new Map<string, ResponsesInputItem>();
  for (const item of prior) {
    const id = (item as { id?: unknown }).id;
    if (typeof id === 'string') byId.set(id, item);
  }
  const elsewhere = [...new Set(references.map((reference) => reference.id))].filter((id) => !byId.has(id));
  if (elsewhere.length > storageDefaults.maxFindItemsIds) {
    throw new GatewayError({
      code: 'invalid_request',
      message: `Too many item references: ${elsewhere.length} distinct ids are not in the previous_response_id conversation, and at most ${storageDefaults.maxFindItemsIds} can be looked up per request. Send those items themselves, or continue the conversation with previous_response_id.`,
      param: 'input',
      openaiCode: null,
    });
  }
  if (elsewhere.length > 0) {
    signal?.throwIfAborted();
    for (const [id, item] of await store.findItems(projectId, elsewhere)) byId.set(id, item);
  }
  return input.map((item) => {
    if (!isReference(item)) return item;
    const found = byId.get(item.id);
    if (found === undefined) {
      throw new GatewayError({
        code: 'not_found',
        message: `Item with id '${item.id}' not found. Items are not persisted when \`store\` is set to false. Try again with \`store\` set to true, or remove this item from your input.`,
        param: 'input',
        openaiCode: null,
      });
    }
    // The copy gets a fresh id when stored: the original keeps its own, and ids stay unique.
    const { id: _id, ...copy } = found as { id?: string };
    return copy as ResponsesInputItem;
  });
}

function isReference(item: ResponsesInputItem): item is { type?: 'item_reference'; id: string } {
  const record = item as Record<string, unknown>;
  return (
    record['type'] === 'item_reference' ||
    (record['type'] === undefined && !('role' in record) && typeof record['id'] === 'string')
  );
}
