import type {
  CanonicalFinishReason,
  CanonicalFunctionCall,
  CanonicalItem,
  CanonicalRequest,
  CanonicalResponse,
  CanonicalUsage,
} from '@toolbridge/core';
import { GatewayError } from '../errors/gateway-error.js';
import { callUpstreamTurn } from './call-upstream-turn.js';
import { checkToolCall } from './check-tool-call.js';
import { planUpstreamRequest } from './plan-upstream-request.js';
import { REPAIR_MARKER, repairToolCall } from './repair-tool-call.js';
import { sumUsage } from './sum-usage.js';
import type { ToolPolicy } from './tool-policy.js';
import type { TurnContext, UpstreamTarget } from './upstream-target.js';

export interface EnforceOptions {
  target: UpstreamTarget;
  /** The request as sent upstream (repairs extend it). */
  request: CanonicalRequest;
  policy: ToolPolicy;
  retries: number;
  parallelToolCalls: 'keep-first' | 'error';
  context: TurnContext;
  /** Receives a short note for every change made (for `x-toolbridge-adjusted`). */
  adjustments: string[];
}

function calls(output: readonly CanonicalItem[]): CanonicalFunctionCall[] {
  return output.filter((item): item is CanonicalFunctionCall => item.type === 'function_call');
}

/**
 * The upstream stopped at its output limit (or a filter): the last item is cut off. The finish
 * reason must survive enforcement, so truncated arguments never look like a complete call
 * (docs/adr/0008-tool-loop-rules.md, rule 2).
 */
export function isCutOff(finishReason: CanonicalFinishReason): boolean {
  return finishReason === 'length' || finishReason === 'content_filter';
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

/**
 * A call cut off by the output limit is not repaired (a re-ask hits the same limit): it goes to the
 * client marked incomplete when it passes the policy, else it is dropped, as the streaming side does.
 */
function keepCutOffCall(call: CanonicalFunctionCall, options: EnforceOptions): CanonicalFunctionCall | null {
  if (checkToolCall(call, options.policy) === null) return { ...call, status: 'incomplete' };
  options.adjustments.push(`dropped a call to '${call.name}' cut off by the upstream's output limit`);
  return null;
}

/** Validates and repairs each call, then applies the one-call rule. */
async function enforceCalls(
  response: CanonicalResponse,
  options: EnforceOptions,
  usage: CanonicalUsage[],
): Promise<CanonicalItem[]> {
  const { policy, adjustments } = options;
  const output: CanonicalItem[] = [];
  let kept = 0;
  const last = response.output.at(-1);
  for (const item of response.output) {
    if (item.type !== 'function_call') {
      output.push(item);
      continue;
    }
    if (policy.forbidCalls) {
      adjustments.push(`dropped a call to '${item.name}' (tool_choice "none")`);
      continue;
    }
    if (policy.singleCall && kept >= 1) {
      if (options.parallelToolCalls === 'error') {
        throw new GatewayError({
          code: 'upstream_tool_choice_violation',
          message: 'The upstream model returned several calls although parallel_tool_calls is false.',
        });
      }
      adjustments.push(`dropped an extra call to '${item.name}' (parallel_tool_calls=false)`);
      continue;
    }
    if (item === last && isCutOff(response.finishReason)) {
      const cutOff = keepCutOffCall(item, options);
      if (cutOff !== null) {
        output.push(cutOff);
        kept += 1;
      }
      continue;
    }
    const problem = checkToolCall(item, policy);
    if (problem === null) {
      output.push(item);
    } else {
      const repaired = await repairToolCall({ ...options, call: item, reason: problem });
      usage.push(...repaired.usage);
      adjustments.push(`repaired a call to '${item.name}'`);
      output.push(repaired.call);
    }
    kept += 1;
  }
  return output;
}

/** Re-asks the whole turn when a call was required but none came (an upstream without native tool_choice). */
async function askForCall(
  response: CanonicalResponse,
  options: EnforceOptions,
  usage: CanonicalUsage[],
): Promise<CanonicalResponse> {
  const names = [...options.policy.allowedNames].map((name) => `'${name}'`).join(', ');
  let last = response;
  for (let attempt = 0; attempt < options.retries; attempt++) {
    const request: CanonicalRequest = {
      ...options.request,
      items: [
        ...options.request.items,
        ...last.output.filter((item) => item.type === 'message'),
        {
          type: 'message',
          role: 'user',
          content: `${REPAIR_MARKER} this turn must call a function (one of ${names}). Call it now.`,
        },
      ],
      stream: false,
    };
    const { upstream } = planUpstreamRequest(request, options.target.provider.capabilities);
    const { response: next } = await callUpstreamTurn(options.target, upstream, options.context);
    if (next.usage) usage.push(next.usage);
    if (calls(next.output).some((call) => options.policy.allowedNames.has(call.name))) {
      options.adjustments.push('re-asked the upstream: tool_choice required a call');
      return next;
    }
    last = next;
  }
  throw new GatewayError({
    code: 'upstream_tool_choice_violation',
    message: `The upstream model answered without calling a function although tool_choice requires one (${names}), also after ${options.retries} retries.`,
  });
}

/**
 * Makes a finished turn keep the request's promises on any upstream: calls only to allowed tools,
 * strict arguments valid, at most one call when parallel_tool_calls is false, a call when one is
 * required. Bad calls are repaired by re-asking; repairs' tokens are added to the usage.
 */
export async function enforceResponse(
  response: CanonicalResponse,
  options: EnforceOptions,
): Promise<CanonicalResponse> {
  const usage: CanonicalUsage[] = [];
  let current = response;
  let output = await enforceCalls(current, options, usage);
  if (options.policy.requireCall && calls(output).length === 0 && !isCutOff(current.finishReason)) {
    current = await askForCall(current, options, usage);
    output = await enforceCalls(current, options, usage);
  }
  const finishReason = enforcedFinishReason(current.finishReason, calls(output).length);
  return { ...current, output, finishReason, usage: sumUsage(current.usage, usage) };
}
