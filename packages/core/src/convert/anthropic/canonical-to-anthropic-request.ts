import { CoreError } from '../../errors/core-error.js';
import type { CanonicalRequest, JsonObject } from '../../items/canonical.js';
import { withFields } from '../../json/with-fields.js';
import type { AnthropicRequest } from '../../protocol/anthropic/types.js';
import { lacksLatestThinking, toAnthropicHistory } from './anthropic-history.js';
import { toAnthropicStrictSchema } from './anthropic-strict-schema.js';
import { planAnthropicTools } from './anthropic-tools.js';
import { planAnthropicThinking } from './plan-anthropic-thinking.js';

/** Options of {@link canonicalToAnthropicRequest}; the gateway passes its documented defaults. */
export interface CanonicalToAnthropicOptions {
  /** The model name sent upstream. */
  model: string;
  stream: boolean;
  /** `max_tokens` when the client set no output limit (Anthropic requires one). */
  defaultMaxTokens: number;
  /** `budget_tokens` per reasoning effort (`low`, `medium`, `high`…); unknown efforts use `medium`. */
  thinkingBudgets: Readonly<Record<string, number>>;
}

/** Endpoint-only fields that change nothing an Anthropic upstream could do: not reported. */
const QUIET_EXTRAS = new Set([
  'include',
  'store',
  'truncation',
  'text',
  'reasoning',
  'background',
  'n',
  'stop',
]);

function stopSequences(extra: JsonObject | undefined): string[] {
  const stop = extra?.['stop'];
  const list = typeof stop === 'string' ? [stop] : Array.isArray(stop) ? stop : [];
  return list.filter((entry): entry is string => typeof entry === 'string' && entry !== '');
}

/** Fields the Messages API has no place for, named for `x-toolbridge-adjusted`. */
function droppedFields(request: CanonicalRequest): string[] {
  const dropped: string[] = [];
  const { temperature, topP, topLogprobs } = request.options;
  // The Messages API of the official SDK 1.17 (`MessageCreateParamsBase` in
  // src/resources/messages/messages.ts) has no temperature/top_p/top_k any more; newer models refuse
  // values other than the default. Reading picked: never send them, and say so.
  if (typeof temperature === 'number') dropped.push('temperature');
  if (typeof topP === 'number') dropped.push('top_p');
  if (typeof topLogprobs === 'number') dropped.push('top_logprobs');
  for (const key of Object.keys(request.extra?.fields ?? {})) if (!QUIET_EXTRAS.has(key)) dropped.push(key);
  return dropped;
}

function outputFormat(request: CanonicalRequest): JsonObject | undefined {
  const format = request.options.responseFormat;
  if (format === undefined || format.type === 'text') return undefined;
  if (format.type === 'json_object') {
    throw new CoreError({
      code: 'conversion_failed',
      path: 'response_format',
      message:
        'response_format {"type": "json_object"} has no equivalent on an Anthropic upstream; use {"type": "json_schema"} with a schema.',
    });
  }
  return { format: { type: 'json_schema', schema: toAnthropicStrictSchema(format.schema) } };
}

/**
 * A canonical request → an Anthropic Messages request (docs/protocol/anthropic.md §2–§6), with a
 * note for every change the translation made. A request Anthropic cannot express throws
 * `conversion_failed` (the gateway answers 400 naming the client's field), never sends something the
 * upstream would refuse in its own words.
 */
export function canonicalToAnthropicRequest(
  request: CanonicalRequest,
  options: CanonicalToAnthropicOptions,
): { request: AnthropicRequest; adjustments: string[] } {
  const effort = request.options.reasoningEffort;
  const wantsThinking = typeof effort === 'string' && effort !== 'none';
  const history = toAnthropicHistory(request.items, {
    instructions: request.instructions,
    includeReasoning: wantsThinking,
  });
  const tools = planAnthropicTools(request, history.toolNames);
  const thinking = planAnthropicThinking(request, withFields(options, { forcesCall: tools.forcesCall }));
  const adjustments = [...tools.adjustments, ...thinking.adjustments];
  let { budget } = thinking;
  let final = history;
  if (budget !== undefined && lacksLatestThinking(history.messages)) {
    adjustments.push(
      'thinking not sent: the assistant turn of the pending tool results has no thinking blocks',
    );
    budget = undefined;
  }
  if (budget === undefined && wantsThinking) {
    final = toAnthropicHistory(request.items, {
      instructions: request.instructions,
      includeReasoning: false,
    });
  }
  adjustments.push(...final.adjustments);
  if (final.messages.length === 0) {
    throw new CoreError({
      code: 'conversion_failed',
      path: request.extra?.format === 'responses' ? 'input' : 'messages',
      message: 'The conversation has no user or assistant message; an Anthropic upstream needs at least one.',
    });
  }
  const dropped = droppedFields(request);
  if (dropped.length > 0) adjustments.push(`not sent to the Anthropic upstream: ${dropped.join(', ')}`);
  const stop = stopSequences(request.extra?.format === 'chat' ? request.extra.fields : undefined);
  const output = outputFormat(request);
  const user = request.options.user;
  const body: AnthropicRequest = {
    model: options.model,
    max_tokens: thinking.maxTokens,
    messages: final.messages,
    ...(final.system.length > 0 ? { system: final.system } : {}),
    ...(tools.tools.length > 0 ? { tools: tools.tools } : {}),
    ...(tools.toolChoice !== undefined ? { tool_choice: tools.toolChoice } : {}),
    ...(budget !== undefined ? { thinking: { type: 'enabled', budget_tokens: budget } } : {}),
    ...(stop.length > 0 ? { stop_sequences: stop } : {}),
    ...(typeof user === 'string' && user !== '' ? { metadata: { user_id: user } } : {}),
    ...(output !== undefined ? { output_config: output } : {}),
    ...(options.stream ? { stream: true } : {}),
  };
  return { request: body, adjustments };
}
