import type { CanonicalToolChoice } from '@toolbridge/core';
import { answerToolCalls } from './answer-tool-calls.js';
import { buildRunStep } from './build-run-step.js';
import type { Conversation } from './conversation.js';
import { extractToolCalls } from './extract-tool-calls.js';
import { historyItems } from './history-items.js';
import { requestTurn } from './request-turn.js';
import type { RunConfig } from './run-config.js';
import type { RunStep, StepKind } from './run-result.js';

/** Options of {@link runStep}. */
export interface RunStepOptions {
  config: RunConfig;
  conversation: Conversation;
  stepIndex: number;
  kind: StepKind;
  toolChoice: CanonicalToolChoice | null;
}

/**
 * One step: ask the model, answer every call it made (run, or refuse when the turn did not end
 * cleanly), and add the turn and its results to history together, so history never holds a call
 * without its result. Rejects only when the model request fails (abort included).
 */
export async function runStep(options: RunStepOptions): Promise<RunStep> {
  const { config, conversation, stepIndex, kind } = options;
  config.events.emit('onStepStart', { stepIndex, kind });
  const { turn, state, notes } = await requestTurn(options);
  const { output, calls } = extractToolCalls(turn.response.output);
  if (calls.length > 0) config.events.emit('onToolCalls', { stepIndex, calls });
  const results = await answerToolCalls({ config, turn, calls, kind });
  const added = historyItems({
    output,
    results,
    invalidArgumentsInHistory: config.invalidArgumentsInHistory,
  });
  conversation.appendResponse(turn.response.id, added.output);
  conversation.append(added.results);
  const step = buildRunStep({
    index: stepIndex,
    kind,
    turn,
    output,
    calls,
    results,
    state: config.transport.keepsState ? state : undefined,
    notes,
    prices: config.prices,
    invalidArgumentsInHistory: config.invalidArgumentsInHistory,
  });
  config.events.emit('onStepEnd', step);
  return step;
}
