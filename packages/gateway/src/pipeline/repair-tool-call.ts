import type { CanonicalFunctionCall, CanonicalToolChoice, CanonicalUsage } from '@toolbridge/core';
import { withFields } from '@toolbridge/core';
import { GatewayError } from '../errors/gateway-error.js';
import { decideCompleteCall } from './call-policy.js';
import type { EnforceOptions } from './enforce-options.js';
import { REPAIR_MARKER, reaskUpstream } from './reask-upstream.js';
import { reportRepair } from './report-to-observer.js';
import type { ToolPolicy } from './tool-policy.js';

export interface RepairOutcome {
  call: CanonicalFunctionCall;
  usage: CanonicalUsage[];
}

function repairChoice(call: CanonicalFunctionCall, policy: ToolPolicy): CanonicalToolChoice {
  if (policy.allowedNames.has(call.name)) return { type: 'function', name: call.name };
  const [only, ...rest] = policy.allowedNames;
  if (only !== undefined && rest.length === 0) return { type: 'function', name: only };
  return { type: 'allowed_tools', mode: 'required', names: [...policy.allowedNames] };
}

/**
 * Re-asks the upstream for one call that broke the rules: the bad call and a tool result explaining
 * what was wrong are appended, and the call is forced (bounded by `retries`). The client never sees
 * the bad call, but the observer does: the original arguments are kept for the trace viewer. Fails with
 * `upstream_invalid_tool_call` when the upstream cannot produce a valid one.
 */
export async function repairToolCall(
  options: EnforceOptions & { call: CanonicalFunctionCall; reason: string },
): Promise<RepairOutcome> {
  const startedAt = performance.now();
  const report = (repaired: CanonicalFunctionCall | null): void =>
    reportRepair(options.context, {
      toolName: options.call.name,
      callId: options.call.callId,
      repairedCallId: repaired?.callId ?? null,
      originalArguments: options.call.arguments,
      repairedArguments: repaired?.arguments ?? null,
      reason: options.reason,
      startedAt,
      durationMs: performance.now() - startedAt,
      outcome: repaired === null ? 'failed' : 'repaired',
    });
  try {
    const outcome = await reaskUntilValid(options);
    report(outcome.call);
    return outcome;
  } catch (error) {
    report(null);
    throw error;
  }
}

async function reaskUntilValid(
  options: EnforceOptions & { call: CanonicalFunctionCall; reason: string },
): Promise<RepairOutcome> {
  const { policy } = options;
  let { call, reason } = options;
  const usage: CanonicalUsage[] = [];
  for (let attempt = 0; attempt < options.retries; attempt++) {
    const response = await reaskUpstream({
      target: options.target,
      request: options.request,
      context: options.context,
      items: [
        {
          type: 'function_call',
          callId: call.callId,
          name: call.name,
          arguments: call.arguments,
          // The provider's reasoning state goes back with the rejected call (Gemini needs its signature).
          ...(call.providerState !== undefined ? { providerState: call.providerState } : {}),
        },
        {
          type: 'function_call_output',
          callId: call.callId,
          output: `${REPAIR_MARKER} invalid call, rejected and not executed. ${reason} Call the function again with corrected arguments.`,
        },
      ],
      toolChoice: repairChoice(call, policy),
      parallelToolCalls: false,
      why: `repair of a call to '${call.name}', attempt ${attempt + 1} of ${options.retries}`,
    });
    if (response.usage) usage.push(response.usage);
    const next = response.output.find((item): item is CanonicalFunctionCall => item.type === 'function_call');
    if (!next) {
      reason = 'No function call was returned.';
      continue;
    }
    const decision = decideCompleteCall(policy, next);
    if (decision.action === 'pass') return { call: withFields(next, { status: 'completed' }), usage };
    call = next;
    reason = decision.reason;
  }
  throw new GatewayError({
    code: 'upstream_invalid_tool_call',
    message: `The upstream model returned an invalid call to '${options.call.name}' and did not correct it after ${options.retries} ${options.retries === 1 ? 'retry' : 'retries'}: ${reason}`,
    openaiCode: 'upstream_invalid_tool_call',
  });
}
