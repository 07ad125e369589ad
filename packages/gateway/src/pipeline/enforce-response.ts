import type {
  CanonicalFunctionCall,
  CanonicalItem,
  CanonicalMessage,
  CanonicalResponse,
  CanonicalUsage,
} from '@toolbridge/core';
import { withFields } from '@toolbridge/core';
import { GatewayError } from '../errors/gateway-error.js';
import {
  decideCallStart,
  decideCompleteCall,
  decideCutOffCall,
  decideTurnEnd,
  enforcedFinishReason,
  isCutOff,
} from './call-policy.js';
import type { EnforceOptions } from './enforce-options.js';
import { REPAIR_MARKER, reaskUpstream } from './reask-upstream.js';
import { repairToolCall } from './repair-tool-call.js';
import { sumUsage } from './sum-usage.js';

function calls(output: readonly CanonicalItem[]): CanonicalFunctionCall[] {
  return output.filter((item): item is CanonicalFunctionCall => item.type === 'function_call');
}

/** Applies the call policy to every call of a finished turn: drop, fail, pass, or repair. */
export async function enforceCalls(
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
    const start = decideCallStart(policy, {
      name: item.name,
      kept,
      parallelCalls: options.parallelToolCalls,
    });
    if (start.action === 'fail') throw start.error;
    if (start.action === 'drop') {
      adjustments.push(start.note);
      continue;
    }
    if (item === last && isCutOff(response.finishReason)) {
      const cutOff = decideCutOffCall(policy, item);
      if (cutOff.action === 'drop') {
        adjustments.push(cutOff.note);
        continue;
      }
      output.push(withFields(item, { status: 'incomplete' }));
      kept += 1;
      continue;
    }
    kept += 1;
    const end = start.action === 'pass' ? start : decideCompleteCall(policy, item);
    if (end.action === 'pass') {
      output.push(item);
      continue;
    }
    const repaired = await repairToolCall(withFields(options, { call: item, reason: end.reason }));
    usage.push(...repaired.usage);
    adjustments.push(`repaired a call to '${item.name}'`);
    output.push(repaired.call);
  }
  return output;
}

/**
 * Re-asks the whole turn when a call was required but none came: the model is told, after what it
 * said, that it must call one of the allowed functions. Returns the first answer that does.
 */
export async function askForCall(
  response: CanonicalResponse,
  options: EnforceOptions,
  usage: CanonicalUsage[],
): Promise<CanonicalResponse> {
  const names = [...options.policy.allowedNames].map((name) => `'${name}'`).join(', ');
  let said: CanonicalItem[] = response.output.filter(
    (item): item is CanonicalMessage => item.type === 'message',
  );
  for (let attempt = 0; attempt < options.retries; attempt++) {
    const next = await reaskUpstream({
      target: options.target,
      request: options.request,
      context: options.context,
      items: [
        ...said,
        {
          type: 'message',
          role: 'user',
          content: `${REPAIR_MARKER} this turn must call a function (one of ${names}). Call it now.`,
        },
      ],
      why: `a required call did not come, attempt ${attempt + 1} of ${options.retries}`,
    });
    if (next.usage) usage.push(next.usage);
    if (calls(next.output).some((call) => options.policy.allowedNames.has(call.name))) {
      options.adjustments.push('re-asked the upstream: tool_choice required a call');
      return next;
    }
    said = next.output.filter((item): item is CanonicalMessage => item.type === 'message');
  }
  throw new GatewayError({
    code: 'upstream_tool_choice_violation',
    message: `The upstream model answered without calling a function although tool_choice requires one (${names}), also after ${options.retries} retries.`,
  });
}

/**
 * Makes a finished turn keep the request's promises on any upstream, as the call policy decides:
 * calls only to allowed tools, strict arguments valid, at most one call when parallel_tool_calls is
 * false, a call when one is required. Bad calls are repaired by re-asking; repairs' tokens are added
 * to the usage. `extraUsage` is added too (what the caller already spent on this turn).
 */
export async function enforceResponse(
  response: CanonicalResponse,
  options: EnforceOptions,
  extraUsage: CanonicalUsage[] = [],
): Promise<CanonicalResponse> {
  const usage: CanonicalUsage[] = [...extraUsage];
  let current = response;
  let output = await enforceCalls(current, options, usage);
  const end = decideTurnEnd(options.policy, {
    kept: calls(output).length,
    finishReason: current.finishReason,
  });
  if (end.action === 're-ask') {
    current = await askForCall(current, options, usage);
    output = await enforceCalls(current, options, usage);
  }
  const finishReason = enforcedFinishReason(current.finishReason, calls(output).length);
  // The first answer's usage is the base; every re-ask (the one that answered included) is extra.
  return withFields(current, { output, finishReason, usage: sumUsage(response.usage, usage) });
}
