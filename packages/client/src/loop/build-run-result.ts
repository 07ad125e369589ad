import type { PriceTable } from '@toolbridge/core';
import { addCosts, computeCost, itemsToChatMessages, itemsToResponsesInput } from '@toolbridge/core';
import type { Conversation } from './conversation.js';
import type { RunResult, RunStep, StoppedBy } from './run-result.js';
import { emptyUsage, sumUsage } from './sum-usage.js';

/** Options of {@link buildRunResult}. */
export interface BuildRunResultOptions {
  conversation: Conversation;
  steps: RunStep[];
  stoppedBy: StoppedBy;
  model: string;
  prices: PriceTable;
}

/**
 * The run's result: the last step's text, summed usage and cost, and the whole history in both wire
 * shapes. Every call in history already has its result, so either shape can be sent again as is.
 */
export function buildRunResult({
  conversation,
  steps,
  stoppedBy,
  model,
  prices,
}: BuildRunResultOptions): RunResult {
  // Conversions only drop what a format cannot hold (reasoning items on Chat); nothing to report here.
  const adjustments: string[] = [];
  return {
    text: steps.at(-1)?.text ?? '',
    steps,
    usage: sumUsage(steps.map((step) => step.usage)),
    cost:
      steps.length === 0
        ? computeCost(emptyUsage(), model, prices)
        : addCosts(steps.map((step) => step.cost)),
    stoppedBy,
    messages: itemsToChatMessages(conversation.items, adjustments),
    items: itemsToResponsesInput(conversation.items, adjustments),
    lastResponseId: conversation.lastResponseId,
  };
}
