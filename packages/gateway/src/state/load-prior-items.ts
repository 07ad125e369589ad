import type { ResponsesInputItem } from '@toolbridge/core';
import { GatewayError } from '../errors/gateway-error.js';
import type { ResponseStore } from '../storage/response-store.js';
import { StoreError } from '../storage/store-error.js';

function notFound(id: string, cause?: unknown): GatewayError {
  return new GatewayError({
    code: 'previous_response_not_found',
    message: `Previous response with id '${id}' not found.`,
    param: 'previous_response_id',
    openaiCode: 'previous_response_not_found',
    cause,
  });
}

/** Options of `loadPriorItems`. */
export interface LoadPriorItemsOptions {
  store: Pick<ResponseStore, 'loadChainItems'>;
  /** The caller's project: a response of another project is not found (E16). */
  projectId: string;
  previousResponseId: string;
  maxDepth: number;
}

/**
 * The conversation a `previous_response_id` stands for (docs/protocol/responses.md#previous_response_id): for
 * each response of the chain, oldest first, its input items then its output items. Instructions are not
 * carried over.
 */
export async function loadPriorItems({
  store,
  projectId,
  previousResponseId,
  maxDepth,
}: LoadPriorItemsOptions): Promise<ResponsesInputItem[]> {
  let items: ResponsesInputItem[] | null;
  try {
    items = await store.loadChainItems(projectId, previousResponseId, { maxDepth });
  } catch (error) {
    if (StoreError.isInstance(error) && error.code === 'broken_chain')
      throw notFound(previousResponseId, error);
    if (StoreError.isInstance(error) && error.code === 'chain_too_long') {
      throw new GatewayError({
        code: 'invalid_request',
        message: `The conversation behind '${previousResponseId}' is longer than ${maxDepth} responses; start a new one or send the history as input.`,
        param: 'previous_response_id',
        openaiCode: 'invalid_value',
        cause: error,
      });
    }
    throw error;
  }
  if (items === null) throw notFound(previousResponseId);
  return items;
}
