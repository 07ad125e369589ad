import type { ResponsesInputItem } from '@toolbridge/core';
import { gatewayDefaults } from '../defaults.js';
import type { RunContext } from '../pipeline/run-turn.js';
import type { GatewayDeps } from '../routes/gateway-deps.js';
import { loadPriorItems } from './load-prior-items.js';
import { resolveItemReferences } from './resolve-item-references.js';

/**
 * The conversation a Responses request continues, from the store, in the key's project: the
 * `previous_response_id` chain (or `prior` items already held, e.g. by a WebSocket connection) and
 * the request's own input with its `item_reference`s resolved. `rawInput` is returned too: callers
 * compare it with `input` to know whether references were resolved.
 */
export async function loadConversation(
  context: Pick<RunContext, 'client' | 'signal'>,
  deps: Pick<GatewayDeps, 'store'>,
  request: {
    previous_response_id?: string | null | undefined;
    input?: string | ResponsesInputItem[] | null | undefined;
  },
  prior?: ResponsesInputItem[],
): Promise<{ prior: ResponsesInputItem[]; rawInput: ResponsesInputItem[]; input: ResponsesInputItem[] }> {
  const { projectId } = context.client;
  const chain =
    prior ??
    (request.previous_response_id
      ? await loadPriorItems({
          store: deps.store,
          projectId,
          previousResponseId: request.previous_response_id,
          maxDepth: gatewayDefaults.maxChainDepth,
        })
      : []);
  const rawInput: ResponsesInputItem[] =
    typeof request.input === 'string' ? [{ role: 'user', content: request.input }] : (request.input ?? []);
  const input = await resolveItemReferences({
    input: rawInput,
    prior: chain,
    store: deps.store,
    projectId,
    signal: context.signal,
  });
  return { prior: chain, rawInput, input };
}
