import { type CanonicalItem, ids } from '@toolbridge/core';
import type { ToolCall } from '../execution/tool-call.js';

/**
 * The function calls of a turn's output, in order. A call without an id (some OpenAI-compatible
 * servers omit it, docs/adr/0008-tool-loop-rules.md rule 8) gets a generated `call_…` id, written into the
 * returned output too, so history and results pair on the same id.
 */
export function extractToolCalls(output: readonly CanonicalItem[]): {
  output: CanonicalItem[];
  calls: ToolCall[];
} {
  const calls: ToolCall[] = [];
  const normalized = output.map((item) => {
    if (item.type !== 'function_call') return item;
    const hasId = typeof item.callId === 'string' && item.callId !== '' && item.callId !== 'undefined';
    const call = hasId ? item : { ...item, callId: ids.call() };
    calls.push({ callId: call.callId, toolName: call.name, argumentsText: call.arguments });
    return call;
  });
  return { output: normalized, calls };
}
