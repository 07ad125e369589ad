import { type ExecuteToolCallOptions, executeToolCall } from './execute-tool-call.js';
import { mapWithConcurrency } from './map-with-concurrency.js';
import type { ToolCall, ToolCallResult } from './tool-call.js';

/** Options of {@link executeToolCalls}. */
export interface ExecuteToolCallsOptions extends Omit<ExecuteToolCallOptions, 'call'> {
  /** The calls of one model turn, in the order the model made them. */
  calls: readonly ToolCall[];
  /** At most this many calls run at once; 1 runs them one after another. */
  maxConcurrency: number;
  /** Told once per call, when its result is known (executed or not). */
  onToolEnd?: (result: ToolCallResult) => void;
}

/**
 * Runs the calls of one turn with bounded concurrency and returns exactly one result per call, in call order
 * (docs/adr/0008-tool-loop-rules.md, rule 1). Calls that have not started when the run is aborted are not
 * started at all.
 */
export function executeToolCalls({
  calls,
  maxConcurrency,
  onToolEnd,
  ...shared
}: ExecuteToolCallsOptions): Promise<ToolCallResult[]> {
  return mapWithConcurrency({
    items: calls,
    limit: maxConcurrency,
    map: async (call) => {
      const result = await executeToolCall({ ...shared, call });
      onToolEnd?.(result);
      return result;
    },
  });
}
