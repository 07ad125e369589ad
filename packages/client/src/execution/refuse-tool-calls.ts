import { ToolbridgeClientError } from '../errors/toolbridge-client-error.js';
import { formatToolError } from './format-tool-output.js';
import type { ToolCall, ToolCallResult } from './tool-call.js';

/** Options of {@link refuseToolCalls}. */
export interface RefuseToolCallsOptions {
  calls: readonly ToolCall[];
  code: 'truncated' | 'not_allowed';
  /** Why, in words the model can act on. */
  reason: string;
}

/**
 * Results for calls the loop must not run — a turn cut off by `length` or a stream without its end
 * (docs/adr/0008-tool-loop-rules.md, rule 2), or calls made despite `tool_choice: 'none'`. They are still
 * answered, so no call is left without a result.
 */
export function refuseToolCalls({ calls, code, reason }: RefuseToolCallsOptions): ToolCallResult[] {
  return calls.map((call) => {
    const error = new ToolbridgeClientError({
      code,
      message: `The call to ${call.toolName} was not run: ${reason}`,
      cause: undefined,
      callId: call.callId,
      toolName: call.toolName,
    });
    return {
      callId: call.callId,
      toolName: call.toolName,
      outcome: 'not-run',
      output: formatToolError(error),
      executed: false,
      error,
      durationMs: 0,
    };
  });
}
