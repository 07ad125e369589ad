import type { CanonicalItem } from '@toolbridge/core';
import type { ToolCallResult } from '../execution/tool-call.js';

/** Options of {@link historyItems}. */
export interface HistoryItemsOptions {
  /** The turn's output, call ids already normalized. */
  output: readonly CanonicalItem[];
  results: readonly ToolCallResult[];
  invalidArgumentsInHistory: 'verbatim' | 'empty-object';
}

function rewriteInvalidArguments(
  output: readonly CanonicalItem[],
  results: readonly ToolCallResult[],
): CanonicalItem[] {
  const unparsable = new Set(
    results.filter((result) => result.argumentsProblem === 'invalid_json').map((result) => result.callId),
  );
  return output.map((item) =>
    item.type === 'function_call' && unparsable.has(item.callId) ? { ...item, arguments: '{}' } : item,
  );
}

/**
 * What a turn adds to history: its output items, then one `function_call_output` per result in call order.
 * Arguments that were not JSON stay as the model sent them by default — both OpenAI endpoints take any string
 * there — or become `{}` for upstreams that re-parse history (docs/adr/0008-tool-loop-rules.md, rule 4).
 * Aborted results are stored `incomplete`, never `completed`.
 */
export function historyItems({ output, results, invalidArgumentsInHistory }: HistoryItemsOptions): {
  output: CanonicalItem[];
  results: CanonicalItem[];
} {
  const kept =
    invalidArgumentsInHistory === 'empty-object' ? rewriteInvalidArguments(output, results) : [...output];
  const outputs: CanonicalItem[] = results.map((result) => ({
    type: 'function_call_output',
    callId: result.callId,
    output: result.output,
    ...(result.outcome === 'aborted' ? { status: 'incomplete' as const } : {}),
  }));
  return { output: kept, results: outputs };
}
