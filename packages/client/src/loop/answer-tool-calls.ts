import { executeToolCalls } from '../execution/execute-tool-calls.js';
import { refuseToolCalls } from '../execution/refuse-tool-calls.js';
import type { ToolCall, ToolCallResult } from '../execution/tool-call.js';
import type { TurnResult } from '../transport/transport.js';
import type { RunConfig } from './run-config.js';
import type { StepKind } from './run-result.js';

/** Options of {@link answerToolCalls}. */
export interface AnswerToolCallsOptions {
  config: RunConfig;
  turn: TurnResult;
  calls: readonly ToolCall[];
  kind: StepKind;
}

/**
 * Why the calls of this turn must not run, or `null` when they may
 * (docs/adr/0008-tool-loop-rules.md, rule 2).
 */
function refusal(
  turn: TurnResult,
  kind: StepKind,
): { code: 'truncated' | 'not_allowed'; reason: string } | null {
  if (kind === 'final-answer') {
    return { code: 'not_allowed', reason: "this request allowed no tool calls (tool_choice 'none')." };
  }
  if (turn.truncated) {
    return { code: 'truncated', reason: 'the response stream ended before the model finished its turn.' };
  }
  switch (turn.response.finishReason) {
    case 'length':
      return {
        code: 'truncated',
        reason: 'the response was cut off by the output token limit; its arguments may be incomplete.',
      };
    case 'content_filter':
      return { code: 'truncated', reason: 'the response was stopped by the content filter.' };
    default:
      return null;
  }
}

/**
 * One result per call of the turn: the calls are executed only when the turn ended cleanly with
 * them; otherwise each gets a `not-run` result, so none is left unanswered.
 */
export async function answerToolCalls({
  config,
  turn,
  calls,
  kind,
}: AnswerToolCallsOptions): Promise<ToolCallResult[]> {
  if (calls.length === 0) return [];
  const refused = refusal(turn, kind);
  if (refused !== null) {
    const results = refuseToolCalls({ calls, ...refused });
    for (const result of results) config.events.emit('onToolEnd', result);
    return results;
  }
  return executeToolCalls({
    calls,
    tools: config.tools,
    approve: config.approve,
    signal: config.signal,
    timeoutMs: config.toolTimeoutMs,
    settleGraceMs: config.toolSettleGraceMs,
    maxConcurrency: config.concurrency,
    onToolStart: (event) => config.events.emit('onToolStart', event),
    onToolEnd: (result) => config.events.emit('onToolEnd', result),
  });
}
