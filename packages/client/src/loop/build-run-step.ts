import type { CanonicalItem, PriceTable } from '@toolbridge/core';
import { computeCost } from '@toolbridge/core';
import type { ToolCall, ToolCallResult } from '../execution/tool-call.js';
import type { TurnResult } from '../transport/transport.js';
import { responseText } from './response-text.js';
import type { RunStep, StepKind } from './run-result.js';
import { emptyUsage } from './sum-usage.js';

/** Options of {@link buildRunStep}. */
export interface BuildRunStepOptions {
  index: number;
  kind: StepKind;
  turn: TurnResult;
  /** The turn's output with normalized call ids. */
  output: readonly CanonicalItem[];
  calls: ToolCall[];
  results: ToolCallResult[];
  state: 'server' | 'replay' | undefined;
  notes: string[];
  prices: PriceTable;
  invalidArgumentsInHistory: 'verbatim' | 'empty-object';
}

function outcomeNotes(results: readonly ToolCallResult[], policy: 'verbatim' | 'empty-object'): string[] {
  const kept = policy === 'verbatim' ? 'as the model sent them' : 'replaced by {}';
  const notes: string[] = [];
  const notRun = results.filter((result) => result.outcome === 'not-run').length;
  if (notRun > 0) notes.push(`${notRun} call(s) were not run; each got an error result instead.`);
  for (const result of results) {
    if (result.stillRunning)
      notes.push(
        `Tool ${result.toolName} (${result.callId}) ignored its abort signal and may still be running.`,
      );
    if (result.argumentsProblem === 'invalid_json') {
      notes.push(`Call ${result.callId} had arguments that are not JSON; history keeps them ${kept}.`);
    }
  }
  return notes;
}

/** The record of one step: request and response bodies, calls, results, usage and cost. */
export function buildRunStep(options: BuildRunStepOptions): RunStep {
  const { index, kind, turn, output, calls, results, state, prices } = options;
  const { response } = turn;
  const usage = response.usage ?? emptyUsage();
  return {
    index,
    kind,
    request: turn.wireRequest,
    response: turn.wireResponse,
    model: response.model,
    text: responseText(output),
    finishReason: response.finishReason,
    truncated: turn.truncated,
    calls,
    results,
    usage,
    cost: computeCost(usage, response.model, prices),
    ...(state === undefined ? {} : { state }),
    notes: [...options.notes, ...outcomeNotes(results, options.invalidArgumentsInHistory)],
  };
}
