import type {
  CanonicalContentPart,
  CanonicalFinishReason,
  CanonicalItem,
  CanonicalResponse,
} from '../items/canonical.js';
import type { ChatCompletion, ChatFinishReason } from '../protocol/chat/types.js';
import { annotationsFromChat } from './chat-annotations.js';
import { chatLogprobsOf } from './chat-logprobs.js';
import { chatReasoningItem, chatReasoningOf } from './chat-reasoning.js';
import { chatUsageToCanonical } from './usage.js';

/** Chat `finish_reason` → canonical (`function_call` is the legacy spelling of `tool_calls`). */
export function chatFinishReasonToCanonical(
  reason: ChatFinishReason | null | undefined,
): CanonicalFinishReason {
  switch (reason) {
    case 'length':
    case 'content_filter':
    case 'tool_calls':
      return reason;
    case 'function_call':
      return 'tool_calls';
    default:
      return 'stop';
  }
}

/** A Chat completion (choice 0) → canonical response: text message first, then one item per tool call. */
export function chatCompletionToCanonical(completion: ChatCompletion): CanonicalResponse {
  const choice = completion.choices[0];
  const logprobs = chatLogprobsOf(choice?.logprobs);
  const output: CanonicalItem[] = [];
  let finishReason: CanonicalFinishReason = 'stop';
  if (choice) {
    const { message } = choice;
    finishReason = chatFinishReasonToCanonical(choice.finish_reason);
    // An OpenAI-compatible reasoning server's thinking comes first, as it did (docs/protocol/chat-completions.md#reasoning).
    const reasoning = chatReasoningOf(message);
    if (reasoning !== undefined) output.push(chatReasoningItem(reasoning));
    const parts: CanonicalContentPart[] = [];
    if (typeof message.content === 'string' && message.content !== '') {
      const annotations = annotationsFromChat(message.annotations);
      parts.push({
        type: 'text',
        text: message.content,
        ...(annotations === undefined ? {} : { passthrough: { annotations } }),
      });
    }
    if (typeof message.refusal === 'string' && message.refusal !== '') {
      parts.push({ type: 'refusal', refusal: message.refusal });
    }
    const status = finishReason === 'length' ? 'incomplete' : 'completed';
    if (parts.length > 0) output.push({ type: 'message', role: 'assistant', content: parts, status });
    for (const call of message.tool_calls ?? []) {
      output.push({
        type: 'function_call',
        callId: call.id,
        name: call.function.name,
        arguments: call.function.arguments,
        status: 'completed',
      });
    }
    // Some servers answer a forced call with finish_reason "stop"
    // (docs/protocol/tool-choice.md#effect-on-finish_reason); canonical says what happened.
    if (finishReason === 'stop' && (message.tool_calls?.length ?? 0) > 0) finishReason = 'tool_calls';
  }
  return {
    id: completion.id,
    model: completion.model,
    createdAt: completion.created,
    output,
    finishReason,
    usage: completion.usage ? chatUsageToCanonical(completion.usage) : null,
    ...(completion.service_tier !== undefined ? { serviceTier: completion.service_tier } : {}),
    ...(completion.system_fingerprint !== undefined
      ? { systemFingerprint: completion.system_fingerprint }
      : {}),
    ...(logprobs !== undefined ? { logprobs } : {}),
  };
}
