import type { Tool } from '../tools/tool.js';
import type { ToolCall } from './tool-call.js';

/** The answer of an approval hook. A denial's `reason` goes back to the model. */
export type ApprovalDecision = { approved: true } | { approved: false; reason: string };

/** What an approval hook is asked about: one call, with its parsed and validated arguments. */
export interface ApprovalRequest {
  toolName: string;
  callId: string;
  args: unknown;
  signal: AbortSignal;
}

/** Decides whether one call may run. Asked only for calls whose tool needs approval. */
export type ApproveHook = (request: ApprovalRequest) => ApprovalDecision | Promise<ApprovalDecision>;

/** Options of {@link checkApproval}. */
export interface CheckApprovalOptions {
  tool: Tool;
  call: ToolCall;
  args: unknown;
  approve: ApproveHook | undefined;
  signal: AbortSignal;
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

async function isApprovalRequired({
  tool,
  call,
  args,
  approve,
  signal,
}: CheckApprovalOptions): Promise<boolean> {
  const toolSays = await tool.needsApproval(args, { signal, callId: call.callId, toolName: call.toolName });
  // A tool that does not say leaves it to the run: with an `approve` hook every such call is asked.
  return toolSays ?? approve !== undefined;
}

/**
 * Runs the approval policy for one call and fails closed: a policy or hook that throws, or answers
 * with something that is not a decision, counts as a denial, so an unapproved call never runs.
 */
export async function checkApproval(options: CheckApprovalOptions): Promise<ApprovalDecision> {
  const { call, args, approve, signal } = options;
  try {
    if (!(await isApprovalRequired(options))) return { approved: true };
    if (approve === undefined) {
      return { approved: false, reason: 'This call needs approval and no approver is configured.' };
    }
    const decision: unknown = await approve({ toolName: call.toolName, callId: call.callId, args, signal });
    if (typeof decision !== 'object' || decision === null || !('approved' in decision)) {
      return { approved: false, reason: 'The approver gave no decision.' };
    }
    if (decision.approved === true) return { approved: true };
    const reason = 'reason' in decision && typeof decision.reason === 'string' ? decision.reason : '';
    return { approved: false, reason: reason || 'Denied by the approver.' };
  } catch (error) {
    return { approved: false, reason: `The approval check failed: ${describe(error)}` };
  }
}
