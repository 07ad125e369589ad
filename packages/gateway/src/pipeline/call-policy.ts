import type { CanonicalFinishReason } from '@toolbridge/core';
import { GatewayError } from '../errors/gateway-error.js';
import { checkToolCall } from './check-tool-call.js';
import type { ToolPolicy } from './tool-policy.js';

/**
 * The one place that decides what a turn's calls mean and what to do with them, for JSON and
 * streaming answers alike (docs/protocol/tool-choice.md, "What the gateway enforces"). The JSON path
 * asks these questions item by item, the streaming path event by event; neither decides on its own.
 */

/** What to do with a call the moment its name is known. */
export type CallStartDecision =
  /** Forward it as it arrives (nothing about it needs checking). */
  | { action: 'pass' }
  /** Hold it until its arguments are complete, then ask {@link decideCompleteCall}. */
  | { action: 'hold' }
  /** Leave it out of the answer, noting why. */
  | { action: 'drop'; note: string }
  /** End the turn with this error. */
  | { action: 'fail'; error: GatewayError };

/** What to do with a complete call. */
export type CallEndDecision = { action: 'pass' } | { action: 'repair'; reason: string };

/** What to do once the upstream finished its turn. */
export type TurnEndDecision = { action: 'pass' } | { action: 're-ask' };

/** How the gateway treats calls beyond the first when `parallel_tool_calls` is false and not native. */
export type ParallelCallsMode = 'keep-first' | 'error';

/** The upstream stopped at its output limit (or a filter): the last item is cut off. */
export function isCutOff(finishReason: CanonicalFinishReason): boolean {
  return finishReason === 'length' || finishReason === 'content_filter';
}

/**
 * A call has just started. `kept` counts the calls already let through this turn (passed or held).
 * Calls under `tool_choice: "none"` and extra calls under `parallel_tool_calls: false` are dropped
 * (or fail, by configuration); strict tools and names not allowed are held for checking.
 */
export function decideCallStart(
  policy: ToolPolicy,
  call: { name: string; kept: number; parallelCalls: ParallelCallsMode },
): CallStartDecision {
  if (policy.forbidCalls)
    return { action: 'drop', note: `dropped a call to '${call.name}' (tool_choice "none")` };
  if (policy.singleCall && call.kept >= 1) {
    if (call.parallelCalls === 'error') {
      return {
        action: 'fail',
        error: new GatewayError({
          code: 'upstream_tool_choice_violation',
          message: 'The upstream model returned several calls although parallel_tool_calls is false.',
        }),
      };
    }
    return { action: 'drop', note: `dropped an extra call to '${call.name}' (parallel_tool_calls=false)` };
  }
  if (policy.strictNames.has(call.name) || !policy.allowedNames.has(call.name)) return { action: 'hold' };
  return { action: 'pass' };
}

/** A held call is complete: it passes, or it must be repaired by re-asking the upstream. */
export function decideCompleteCall(
  policy: ToolPolicy,
  call: { name: string; arguments: string },
): CallEndDecision {
  const problem = checkToolCall(call, policy);
  return problem === null ? { action: 'pass' } : { action: 'repair', reason: problem };
}

/**
 * A call cut off by the output limit is never repaired (a re-ask hits the same limit): it goes to
 * the client marked incomplete when it would pass, else it is dropped.
 */
export function decideCutOffCall(
  policy: ToolPolicy,
  call: { name: string; arguments: string },
): { action: 'keep-incomplete' } | { action: 'drop'; note: string } {
  if (checkToolCall(call, policy) === null) return { action: 'keep-incomplete' };
  return { action: 'drop', note: `dropped a call to '${call.name}' cut off by the upstream's output limit` };
}

/** The turn ended: a required call that never came means the whole turn is asked again. */
export function decideTurnEnd(
  policy: ToolPolicy,
  turn: { kept: number; finishReason: CanonicalFinishReason },
): TurnEndDecision {
  return policy.requireCall && turn.kept === 0 && !isCutOff(turn.finishReason)
    ? { action: 're-ask' }
    : { action: 'pass' };
}

/**
 * Whether an answer's text must wait until the turn shows a call: under a required call nothing may
 * reach the client before the gateway knows it will not have to ask the whole turn again.
 */
export function holdsTextUntilCall(policy: ToolPolicy): boolean {
  return policy.requireCall;
}

/** The finish reason after enforcement: a cut-off turn keeps its own; otherwise the calls kept decide. */
export function enforcedFinishReason(
  upstream: CanonicalFinishReason,
  callCount: number,
): CanonicalFinishReason {
  if (isCutOff(upstream)) return upstream;
  if (callCount > 0) return 'tool_calls';
  return upstream === 'tool_calls' ? 'stop' : upstream;
}
