import type { ResponseObject, ResponsesOutputItem, ResponsesUsage } from '@toolbridge/core';
import type { ResponsesEcho } from './responses-echo.js';
import type { TokenUsage } from './token-usage.js';
import type { Turn } from './turn.js';

/** Identity of one Response and the request fields it echoes. */
export interface ResponseMeta {
  id: string;
  createdAt: number;
  model: string;
  echo: ResponsesEcho;
  /** `msg_…` id used when the turn is a text answer. */
  messageId: string;
  /**
   * Shapes of newer models' traffic: phased messages, a reasoning item with a summary (directives), and
   * whether that item carries its `encrypted_content` (asked for with `include`).
   */
  style?: { phase: boolean; reasoning: boolean; encryptedReasoning?: boolean };
}

/** The `include` value that asks for a reasoning item's `encrypted_content` (stateless multi-turn use). */
export const ENCRYPTED_REASONING_INCLUDE = 'reasoning.encrypted_content';

/** The prefix of every `encrypted_content` this double makes; any other is refused as unverifiable. */
export const SCRIPTED_REASONING_PREFIX = 'scripted-reasoning.';

/** The summary a `#reasoning` turn streams: two parts, as reasoning models send them. */
export const REASONING_SUMMARY = [
  '**Reading the request**\n\nThe user wants an answer.',
  '**Answering**\n\nKeep it short.',
];

/** OpenAI's reasoning item: `encrypted_content` only when the request's `include` asked for it. */
function reasoningItem(messageId: string, encrypted: boolean): ResponsesOutputItem {
  return {
    id: `rs_${messageId.slice(4)}`,
    type: 'reasoning',
    ...(encrypted ? { encrypted_content: `${SCRIPTED_REASONING_PREFIX}${messageId.slice(4, 20)}` } : {}),
    summary: REASONING_SUMMARY.map((text) => ({ type: 'summary_text', text })),
  };
}

/** The parts of a Response that change over its lifecycle. */
export interface ResponseState {
  status: ResponseObject['status'];
  output: ResponsesOutputItem[];
  usage: TokenUsage | null;
  error?: ResponseObject['error'];
}

/** Renders token counts as the Responses `usage` object, cached tokens under `input_tokens_details`. */
export function responsesUsage(usage: TokenUsage): ResponsesUsage {
  return {
    input_tokens: usage.input,
    input_tokens_details: { cached_tokens: usage.cached },
    output_tokens: usage.output,
    output_tokens_details: { reasoning_tokens: 0 },
    total_tokens: usage.input + usage.output,
  };
}

/**
 * The final output items of a turn: one `message` item, or one `function_call` item per call. When
 * the turn was cut off, its last item is `incomplete` (docs/protocol/responses.md#endings).
 */
export function outputItems(
  turn: Turn,
  messageId: string,
  style: ResponseMeta['style'] = { phase: false, reasoning: false },
): ResponsesOutputItem[] {
  const reasoning = style.reasoning ? [reasoningItem(messageId, style.encryptedReasoning === true)] : [];
  return [...reasoning, ...answerItems(turn, messageId, style.phase)];
}

function answerItems(turn: Turn, messageId: string, phase: boolean): ResponsesOutputItem[] {
  const cut = turn.finishReason === 'length';
  if (turn.kind === 'text') {
    const part = { type: 'output_text' as const, annotations: [], logprobs: [], text: turn.text };
    return [
      {
        id: messageId,
        type: 'message',
        status: cut ? 'incomplete' : 'completed',
        content: [part],
        ...(phase ? { phase: 'final_answer' as const } : {}),
        role: 'assistant',
      },
    ];
  }
  return turn.calls.map((call, index) => ({
    id: call.itemId,
    type: 'function_call',
    status: cut && index === turn.calls.length - 1 ? 'incomplete' : 'completed',
    arguments: call.arguments,
    call_id: call.callId,
    name: call.name,
  }));
}

/**
 * A full Response object (docs/protocol/responses.md#response-object) with every field real traffic carries.
 */
export function buildResponseObject(meta: ResponseMeta, state: ResponseState): ResponseObject {
  const { echo } = meta;
  const done = state.status !== 'in_progress';
  return {
    id: meta.id,
    object: 'response',
    created_at: meta.createdAt,
    // Observed: null until the response completes, then the completion time (never set for incomplete).
    completed_at: state.status === 'completed' ? Math.floor(Date.now() / 1000) : null,
    status: state.status,
    background: false,
    error: state.error ?? null,
    incomplete_details: state.status === 'incomplete' ? { reason: 'max_output_tokens' } : null,
    instructions: echo.instructions,
    max_output_tokens: echo.maxOutputTokens,
    max_tool_calls: null,
    model: meta.model,
    output: state.output,
    parallel_tool_calls: echo.parallelToolCalls,
    previous_response_id: null,
    prompt_cache_key: echo.promptCacheKey,
    reasoning: { effort: null, summary: null },
    safety_identifier: echo.safetyIdentifier,
    service_tier: done ? 'default' : 'auto',
    // Nothing is ever stored: this upstream is stateless.
    store: false,
    temperature: echo.temperature,
    presence_penalty: echo.presencePenalty,
    frequency_penalty: echo.frequencyPenalty,
    text: echo.text,
    tool_choice: echo.toolChoice,
    tools: echo.tools,
    top_logprobs: 0,
    top_p: echo.topP,
    truncation: 'disabled',
    usage: state.usage === null ? null : responsesUsage(state.usage),
    user: echo.user,
    metadata: echo.metadata,
  };
}
