import type { JsonObject } from '@toolbridge/core';

/** What a tool's `execute` receives next to its arguments. */
export interface ToolExecuteContext {
  /** Fires on the run's abort and on the tool's timeout; a tool must stop its work when it does. */
  signal: AbortSignal;
  callId: string;
  toolName: string;
}

/** Whether a call needs approval: a constant, or decided per call from the parsed arguments. */
export type NeedsApproval<Args> =
  | boolean
  | ((args: Args, context: ToolExecuteContext) => boolean | Promise<boolean>);

/** Parsed and validated arguments, or why they were refused (the message goes back to the model). */
export type ParseArgumentsResult<Args> =
  | { ok: true; value: Args }
  | { ok: false; kind: 'invalid_json' | 'schema_violation'; message: string };

/**
 * A tool made by `defineTool`: its wire definition plus the functions the loop calls. All members that
 * take the arguments are methods, so a `Tool<{ city: string }>` fits wherever a `Tool` is expected.
 */
export interface Tool<Args = unknown, Result = unknown> {
  readonly name: string;
  readonly description: string | undefined;
  /** The JSON Schema sent to the model (after strict normalization when `strict`). */
  readonly parameters: JsonObject;
  readonly strict: boolean;
  /** Overrides the run's tool timeout for this tool. */
  readonly timeoutMs: number | undefined;
  /** True when `needsApproval` may ask for approval (`true` or a function); the run then needs `approve`. */
  readonly declaresApproval: boolean;
  /** Parses and validates the model's argument text; never throws. */
  parseArguments(argumentsText: string): ParseArgumentsResult<Args>;
  /**
   * `true`/`false` when the tool decides whether this call needs approval, `undefined` when it leaves
   * that to the run (then the run's `approve` hook, if any, is asked).
   */
  needsApproval(args: Args, context: ToolExecuteContext): Promise<boolean | undefined>;
  execute(args: Args, context: ToolExecuteContext): Promise<Result>;
}
