import type { ResponsesInputItem } from '@toolbridge/core';
import { GatewayError } from '../errors/gateway-error.js';

/**
 * Replaces `item_reference`s by the items they name, looked up in the conversation so far. Unknown
 * ids are a 404 with OpenAI's text (spec E18).
 */
export function resolveItemReferences(
  input: readonly ResponsesInputItem[],
  prior: readonly ResponsesInputItem[],
): ResponsesInputItem[] {
  const references = input.filter(isReference);
  if (references.length === 0) return [...input];
  const byId = new Map<string, ResponsesInputItem>();
  for (const item of prior) {
    const id = (item as { id?: unknown }).id;
    if (typeof id === 'string') byId.set(id, item);
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
