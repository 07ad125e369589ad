import type { ToolbridgeClientError } from '../errors/toolbridge-client-error.js';

/** One function call the model made, as the loop executes it. */
export interface ToolCall {
  /** The pairing key (Chat `tool_calls[].id`, Responses `call_id`). */
  callId: string;
  toolName: string;
  /** The arguments exactly as the model sent them. */
  argumentsText: string;
}

/** How a call ended. Every call of a turn gets exactly one of these. */
export type ToolCallOutcome =
  | 'success'
  | 'tool-error'
  | 'unknown-tool'
  | 'invalid-arguments'
  | 'timeout'
  | 'denied'
  | 'aborted'
  /** Never started because the turn did not end cleanly (truncated stream, finish `length`) or forbade calls. */
  | 'not-run';

/** The one result of one call; `output` is the text that goes back to the model, paired by `callId`. */
export interface ToolCallResult {
  callId: string;
  toolName: string;
  outcome: ToolCallOutcome;
  output: string;
  /** Whether the tool's `execute` was started. */
  executed: boolean;
  /** For `invalid-arguments`: whether the text was not JSON at all, or JSON that broke the schema. */
  argumentsProblem?: 'invalid_json' | 'schema_violation';
  /** The parsed arguments, when they were valid. */
  args?: unknown;
  /** What `execute` returned, on success. */
  value?: unknown;
  /** Why the call did not succeed. */
  error?: ToolbridgeClientError;
  /** True when a tool told to stop (timeout or abort) had not settled within the grace period. */
  stillRunning?: boolean;
  durationMs: number;
}
