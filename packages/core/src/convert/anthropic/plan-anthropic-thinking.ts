import type { CanonicalRequest } from '../../items/canonical.js';

/** Anthropic's smallest thinking budget (`budget_tokens` ≥ 1024). */
export const MIN_THINKING_BUDGET = 1024;

/** `max_tokens` and the thinking budget of one request. */
export interface AnthropicThinkingPlan {
  /** `undefined`: no `thinking` in the request. */
  budget: number | undefined;
  maxTokens: number;
  adjustments: string[];
}

/**
 * Reading picked: `{type: "enabled", budget_tokens}` (manual extended thinking, "≥1024 and less than
 * `max_tokens`", `ThinkingConfigEnabled` in the SDK's src/resources/messages/messages.ts) rather than
 * `adaptive` + `output_config.effort`: it is the form the SDK documents for every thinking model,
 * while which types a model accepts "depend on the model".
 *
 * Turns the client's reasoning effort (Chat `reasoning_effort`, Responses `reasoning.effort`) into
 * extended thinking with a token budget, and picks `max_tokens`, which Anthropic requires
 * (docs/protocol/anthropic.md §6). The budget counts toward `max_tokens`, as OpenAI's reasoning
 * tokens count toward its limit: with a client limit the budget is cut below it (and dropped under
 * 1024); without one the default answer room is added to the budget. A forced tool choice drops
 * thinking, because Anthropic refuses the two together.
 */
export function planAnthropicThinking(
  request: CanonicalRequest,
  options: {
    defaultMaxTokens: number;
    thinkingBudgets: Readonly<Record<string, number>>;
    forcesCall: boolean;
  },
): AnthropicThinkingPlan {
  const adjustments: string[] = [];
  const effort = request.options.reasoningEffort;
  let budget: number | undefined;
  if (typeof effort === 'string' && effort !== 'none') {
    budget = Object.hasOwn(options.thinkingBudgets, effort)
      ? options.thinkingBudgets[effort]
      : options.thinkingBudgets['medium'];
  }
  if (budget !== undefined && options.forcesCall) {
    adjustments.push(
      'thinking not sent: tool_choice forces a call, which Anthropic does not allow with thinking',
    );
    budget = undefined;
  }
  const limit = request.maxOutputTokens;
  if (limit === null) return { budget, maxTokens: options.defaultMaxTokens + (budget ?? 0), adjustments };
  if (budget !== undefined) {
    budget = Math.min(budget, limit - 1);
    if (budget < MIN_THINKING_BUDGET) {
      adjustments.push(
        `thinking not sent: the output limit ${limit} leaves no room for a ${MIN_THINKING_BUDGET}-token budget`,
      );
      budget = undefined;
    }
  }
  return { budget, maxTokens: limit, adjustments };
}
