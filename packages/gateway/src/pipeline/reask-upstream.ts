import type {
  CanonicalItem,
  CanonicalRequest,
  CanonicalResponse,
  CanonicalToolChoice,
} from '@toolbridge/core';
import { withFields } from '@toolbridge/core';
import { traceDebug } from '../logging/request-trace.js';
import { callUpstreamTurn } from './call-upstream-turn.js';
import { planUpstreamRequest } from './plan-upstream-request.js';
import type { TurnContext, UpstreamTarget } from './upstream-target.js';

/** Marker the gateway puts in what it tells the model when it re-asks, so logs and test doubles can tell. */
export const REPAIR_MARKER = 'toolbridge:';

/**
 * Asks the upstream once more, non-streaming, with `items` appended to the turn's conversation (what
 * went wrong, said to the model) and, when given, another `tool_choice`. Every re-ask of the gateway
 * — a call repaired, a required call asked for — goes through here, planned for the upstream's
 * capabilities like the original request.
 */
export async function reaskUpstream(options: {
  target: UpstreamTarget;
  request: CanonicalRequest;
  items: readonly CanonicalItem[];
  toolChoice?: CanonicalToolChoice;
  parallelToolCalls?: boolean;
  context: TurnContext;
  /** Why, for the debug line: names and counts only, never arguments or text. */
  why?: string;
}): Promise<CanonicalResponse> {
  const { target, request, items, context } = options;
  traceDebug(
    context,
    { provider: target.provider.name, upstreamModel: target.upstreamModel, why: options.why ?? 're-ask' },
    're-asking the upstream',
  );
  const next: CanonicalRequest = withFields(request, {
    items: [...request.items, ...items],
    ...(options.toolChoice !== undefined ? { toolChoice: options.toolChoice } : {}),
    ...(options.parallelToolCalls !== undefined ? { parallelToolCalls: options.parallelToolCalls } : {}),
    stream: false,
  }) as CanonicalRequest;
  const { upstream } = planUpstreamRequest(next, target.provider.capabilities);
  const { response } = await callUpstreamTurn(target, upstream, context, 'reask');
  return response;
}
