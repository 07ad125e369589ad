import type { CanonicalResponse } from '../items/canonical.js';
import type { ChatCompletion, ChatFinishReason, ChatToolCall } from '../protocol/chat/types.js';
import { annotationsToChat, partAnnotations } from './chat-annotations.js';
import { chatReasoningContent } from './chat-reasoning.js';
import { chatThinkingFields } from './chat-thinking-fields.js';
import { providerStateFields } from './provider-state-fields.js';
import { canonicalUsageToChat } from './usage.js';

export interface CanonicalToChatCompletionOptions {
  /** The completion id; defaults to the canonical id (callers translating from Responses pass a `chatcmpl-` id). */
  id?: string;
  /**
   * `tool_choice` named a function: OpenAI then reports `finish_reason: "stop"`
   * (docs/protocol/tool-choice.md#effect-on-finish_reason).
   */
  forcedFunction?: boolean;
}

/**
 * Canonical response → Chat completion with `content`/`refusal` always present
 * (docs/protocol/chat-completions.md#response).
 */
export function canonicalToChatCompletion(
  response: CanonicalResponse,
  { id = response.id, forcedFunction = false }: CanonicalToChatCompletionOptions = {},
): ChatCompletion {
  let text: string | null = null;
  let refusal: string | null = null;
  const toolCalls: ChatToolCall[] = [];
  const annotations: unknown[] = [];
  for (const item of response.output) {
    if (item.type === 'message') {
      const parts =
        typeof item.content === 'string' ? [{ type: 'text' as const, text: item.content }] : item.content;
      for (const part of parts) {
        if (part.type === 'text') {
          // Citations of search models, in Chat's shape (docs/protocol/chat-completions.md#response).
          annotations.push(...annotationsToChat(partAnnotations(part.passthrough), text?.length ?? 0));
          text = (text ?? '') + part.text;
        } else if (part.type === 'refusal') refusal = (refusal ?? '') + part.refusal;
      }
    } else if (item.type === 'function_call') {
      toolCalls.push({
        id: item.callId,
        type: 'function',
        function: { name: item.name, arguments: item.arguments },
        ...providerStateFields.chatExtra(item.providerState),
      });
    }
  }
  let finishReason: ChatFinishReason = response.finishReason;
  if (finishReason === 'tool_calls' && forcedFunction) finishReason = 'stop';
  if (finishReason === 'stop' && toolCalls.length > 0 && !forcedFunction) finishReason = 'tool_calls';
  // Anthropic thinking blocks, or else a reasoning text (a Chat upstream's `reasoning_content`).
  const reasoningContent = chatReasoningContent(response.output);
  const thinking =
    chatThinkingFields(response.output) ??
    (reasoningContent === undefined ? undefined : { reasoning_content: reasoningContent });
  return {
    id,
    object: 'chat.completion',
    created: response.createdAt,
    model: response.model,
    choices: [
      {
        index: 0,
        message: {
          role: 'assistant',
          content: text,
          refusal,
          annotations,
          ...(toolCalls.length > 0 ? { tool_calls: toolCalls } : {}),
          ...thinking,
        },
        logprobs: response.logprobs ?? null,
        finish_reason: finishReason,
      },
    ],
    ...(response.usage ? { usage: canonicalUsageToChat(response.usage) } : {}),
    ...(response.serviceTier !== undefined ? { service_tier: response.serviceTier } : {}),
    ...(response.systemFingerprint !== undefined ? { system_fingerprint: response.systemFingerprint } : {}),
  };
}
