const MARKER = Symbol.for('toolbridge.client.error');

/** Every failure `@toolbridge/client` reports, thrown or recorded on a tool result. */
export type ToolbridgeClientErrorCode =
  /** `defineTool` refused a definition (bad name, a strict schema that cannot be made strict). */
  | 'invalid_tool_definition'
  /** `runTools` options that contradict each other or are out of range. */
  | 'invalid_options'
  /** The run's signal fired. */
  | 'aborted'
  /** The server answered with an error or could not be reached. */
  | 'transport_error'
  /** The server does not know the `previous_response_id` (it keeps no state, or the response is gone). */
  | 'previous_response_unavailable'
  /** The server answered with something that is not a usable model turn. */
  | 'invalid_response'
  /** An event callback (`onStepEnd`, `onTextDelta`…) threw. */
  | 'callback_failed'
  /** A tool threw or rejected. */
  | 'tool_error'
  /** The model called a tool that is not offered in this run. */
  | 'unknown_tool'
  /** The model's arguments were not JSON or did not match the tool's schema. */
  | 'invalid_arguments'
  /** A tool took longer than its `timeoutMs`. */
  | 'timeout'
  /** The approval hook (or the absence of one) refused the call. */
  | 'denied'
  /** The model's turn was cut off (finish `length`, a stream without its end), so its calls were not run. */
  | 'truncated'
  /** The model called a tool when the request forbade calls (`tool_choice: 'none'`). */
  | 'not_allowed';

/** One reason a strict schema was refused, with the JSON pointer of the offending schema node. */
export interface SchemaIssue {
  pointer: string;
  reason: string;
}

/** Constructor options of {@link ToolbridgeClientError}; `cause` is always passed, even when `undefined`. */
export interface ToolbridgeClientErrorOptions {
  code: ToolbridgeClientErrorCode;
  message: string;
  cause: unknown;
  callId?: string;
  toolName?: string;
  /** HTTP status of a `transport_error`. */
  status?: number;
  /** Strict-schema issues of an `invalid_tool_definition`. */
  issues?: readonly SchemaIssue[];
}

/**
 * The one error class of `@toolbridge/client`: a string `code`, the original `cause`, and the call or
 * tool it concerns. Tool failures fed back to the model are recorded with this class too.
 */
export class ToolbridgeClientError extends Error {
  readonly [MARKER] = true;
  readonly code: ToolbridgeClientErrorCode;
  readonly callId: string | undefined;
  readonly toolName: string | undefined;
  readonly status: number | undefined;
  readonly issues: readonly SchemaIssue[];

  constructor({ code, message, cause, callId, toolName, status, issues = [] }: ToolbridgeClientErrorOptions) {
    super(message, { cause });
    this.name = 'ToolbridgeClientError';
    this.code = code;
    this.callId = callId;
    this.toolName = toolName;
    this.status = status;
    this.issues = issues;
  }

  /** Cross-realm check that does not rely on `instanceof`. */
  static isInstance(value: unknown): value is ToolbridgeClientError {
    return typeof value === 'object' && value !== null && MARKER in value;
  }
}
