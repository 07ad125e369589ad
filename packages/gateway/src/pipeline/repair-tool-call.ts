import type {
  CanonicalFunctionCall,
  CanonicalRequest,
  CanonicalToolChoice,
  CanonicalUsage,
} from '@toolbridge/core';
import { GatewayError } from '../errors/gateway-error.js';
import { callUpstreamTurn } from './call-upstream-turn.js';
import { checkToolCall } from './check-tool-call.js';
import { planUpstreamRequest } from './plan-upstream-request.js';
import type { ToolPolicy } from './tool-policy.js';
import type { TurnContext, UpstreamTarget } from './upstream-target.js';

/** Marker the gateway puts in the tool result of a rejected call, so logs and test doubles can tell. */
export const REPAIR_MARKER = 'toolbridge:';

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
 * the bad call. Fails with `upstream_invalid_tool_call` when the upstream cannot produce a valid one.
 */
export async function repairToolCall(options: {
  target: UpstreamTarget;
  request: CanonicalRequest;
  call: CanonicalFunctionCall;
  reason: string;
  policy: ToolPolicy;
  retries: number;
  context: TurnContext;
}): Promise<RepairOutcome> {
  const { target, policy, context } = options;
  let { call, reason } = options;
  const usage: CanonicalUsage[] = [];
  for (let attempt = 0; attempt < options.retries; attempt++) {
    const repairRequest: CanonicalRequest = {
      ...options.request,
      items: [
        ...options.request.items,
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
      stream: false,
    };
    const { upstream } = planUpstreamRequest(repairRequest, target.provider.capabilities);
    const { response } = await callUpstreamTurn(target, upstream, context);
    if (response.usage) usage.push(response.usage);
    const next = response.output.find((item): item is CanonicalFunctionCall => item.type === 'function_call');
    if (!next) {
      reason = 'No function call was returned.';
      continue;
    }
    const problem = checkToolCall(next, policy);
    if (problem === null) return { call: { ...next, status: 'completed' }, usage };
    call = next;
    reason = problem;
  }
  throw new GatewayError({
    code: 'upstream_invalid_tool_call',
    message: `The upstream model returned an invalid call to '${options.call.name}' and did not correct it after ${options.retries} ${options.retries === 1 ? 'retry' : 'retries'}: ${reason}`,
    openaiCode: 'upstream_invalid_tool_call',
  });
}
