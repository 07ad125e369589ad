import { ToolbridgeClientError, type ToolbridgeClientErrorCode } from '../errors/toolbridge-client-error.js';
import type { Tool } from '../tools/tool.js';
import { type ApproveHook, checkApproval } from './check-approval.js';
import { formatToolError, formatToolOutput } from './format-tool-output.js';
import { type DeadlineOutcome, runWithDeadline } from './run-with-deadline.js';
import type { ToolCall, ToolCallOutcome, ToolCallResult } from './tool-call.js';

/** Told when a tool's `execute` starts. */
export interface ToolStartEvent {
  callId: string;
  toolName: string;
  args: unknown;
}

/** Options of {@link executeToolCall}. */
export interface ExecuteToolCallOptions {
  call: ToolCall;
  /** The tools the model may call in this run, by name. */
  tools: ReadonlyMap<string, Tool>;
  approve: ApproveHook | undefined;
  signal: AbortSignal;
  /** Used when the tool has no `timeoutMs` of its own. */
  timeoutMs: number;
  settleGraceMs: number;
  onToolStart?: (event: ToolStartEvent) => void;
}

type Outcome = Omit<ToolCallResult, 'callId' | 'toolName' | 'durationMs'>;

function failure(
  code: ToolbridgeClientErrorCode,
  outcome: ToolCallOutcome,
  { call, message, cause }: { call: ToolCall; message: string; cause: unknown },
): Outcome {
  const error = new ToolbridgeClientError({
    code,
    message,
    cause,
    callId: call.callId,
    toolName: call.toolName,
  });
  return { outcome, output: formatToolError(error), executed: false, error };
}

function abortedBeforeRun(call: ToolCall, signal: AbortSignal): Outcome {
  const message = `The run was aborted before tool ${call.toolName} ran.`;
  return failure('aborted', 'aborted', { call, message, cause: signal.reason });
}

function unknownTool(call: ToolCall, tools: ReadonlyMap<string, Tool>): Outcome {
  const names = [...tools.keys()].map((name) => JSON.stringify(name)).join(', ');
  const message = `Unknown tool ${JSON.stringify(call.toolName)}. Available tools: ${names || '(none)'}. Call one of them by its exact name.`;
  return failure('unknown_tool', 'unknown-tool', { call, message, cause: undefined });
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function classify(call: ToolCall, outcome: DeadlineOutcome<unknown>, timeoutMs: number): Outcome {
  const base = { call, cause: outcome.kind === 'fulfilled' ? undefined : outcome.error };
  switch (outcome.kind) {
    case 'fulfilled':
      try {
        return {
          outcome: 'success',
          output: formatToolOutput(outcome.value, call),
          executed: true,
          value: outcome.value,
        };
      } catch (error) {
        const message = ToolbridgeClientError.isInstance(error) ? error.message : describe(error);
        return { ...failure('tool_error', 'tool-error', { ...base, message, cause: error }), executed: true };
      }
    case 'rejected': {
      const message = `Tool ${call.toolName} failed: ${describe(outcome.error)}`;
      return { ...failure('tool_error', 'tool-error', { ...base, message }), executed: true };
    }
    case 'timeout': {
      const message = `Tool ${call.toolName} did not finish within ${timeoutMs} ms.`;
      const result = failure('timeout', 'timeout', { ...base, message });
      return { ...result, executed: true, ...(outcome.settled ? {} : { stillRunning: true }) };
    }
    case 'aborted': {
      const message = `The run was aborted while tool ${call.toolName} was running.`;
      const result = failure('aborted', 'aborted', { ...base, message });
      return { ...result, executed: true, ...(outcome.settled ? {} : { stillRunning: true }) };
    }
  }
}

async function runCall(options: ExecuteToolCallOptions, tool: Tool): Promise<Outcome> {
  const { call, signal, approve } = options;
  const parsed = tool.parseArguments(call.argumentsText);
  if (!parsed.ok) {
    const message = `Invalid arguments for tool ${call.toolName}: ${parsed.message} Fix the arguments and call the tool again.`;
    const result = failure('invalid_arguments', 'invalid-arguments', { call, message, cause: parsed });
    return { ...result, argumentsProblem: parsed.kind };
  }
  const args = parsed.value;
  const approval = await checkApproval({ tool, call, args, approve, signal });
  if (signal.aborted) return { ...abortedBeforeRun(call, signal), args };
  if (!approval.approved) {
    const message = `The call to ${call.toolName} was denied: ${approval.reason}`;
    return { ...failure('denied', 'denied', { call, message, cause: approval.reason }), args };
  }
  options.onToolStart?.({ callId: call.callId, toolName: call.toolName, args });
  // A start callback may abort the run; nothing starts after an abort.
  if (signal.aborted) return { ...abortedBeforeRun(call, signal), args };
  const timeoutMs = tool.timeoutMs ?? options.timeoutMs;
  const outcome = await runWithDeadline({
    task: (toolSignal) =>
      tool.execute(args, { signal: toolSignal, callId: call.callId, toolName: call.toolName }),
    signal,
    timeoutMs,
    settleGraceMs: options.settleGraceMs,
  });
  return { ...classify(call, outcome, timeoutMs), args };
}

/**
 * Produces the one result of one call, whatever happens: unknown tool, invalid arguments (never
 * executed), denial, tool error, timeout or abort all become a result whose `output` goes back to the
 * model. Never rejects.
 */
export async function executeToolCall(options: ExecuteToolCallOptions): Promise<ToolCallResult> {
  const { call, tools, signal } = options;
  const startedAt = performance.now();
  let outcome: Outcome;
  try {
    const tool = tools.get(call.toolName);
    if (signal.aborted) outcome = abortedBeforeRun(call, signal);
    else outcome = tool === undefined ? unknownTool(call, tools) : await runCall(options, tool);
  } catch (error) {
    // Only a bug in a parser or hook wrapper gets here; the call still gets its one result.
    const message = `Tool ${call.toolName} could not be run: ${describe(error)}`;
    outcome = failure('tool_error', 'tool-error', { call, message, cause: error });
  }
  return {
    callId: call.callId,
    toolName: call.toolName,
    ...outcome,
    durationMs: performance.now() - startedAt,
  };
}
