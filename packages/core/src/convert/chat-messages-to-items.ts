import type { CanonicalContentPart, CanonicalItem, CanonicalMessage } from '../items/canonical.js';
import type { ChatAssistantMessage, ChatContentPart, ChatMessage } from '../protocol/chat/types.js';
import { chatReasoningItem, chatReasoningOf } from './chat-reasoning.js';
import { chatThinkingToReasoning } from './chat-thinking-fields.js';
import { chatPartToCanonical } from './content-parts.js';
import { providerStateFields } from './provider-state-fields.js';

function contentToCanonical(content: string | ChatContentPart[]): string | CanonicalContentPart[] {
  return typeof content === 'string' ? content : content.map(chatPartToCanonical);
}

function assistantToItems(message: ChatAssistantMessage): CanonicalItem[] {
  const items: CanonicalItem[] = [];
  // Thinking blocks come first, as the upstream that made them wants them back; without them, the
  // reasoning text an OpenAI-compatible reasoning server sent (docs/protocol/chat-completions.md#reasoning).
  const reasoning = chatThinkingToReasoning(message);
  const reasoningText = chatReasoningOf(message);
  if (reasoning !== undefined) items.push(reasoning);
  else if (reasoningText !== undefined) items.push(chatReasoningItem(reasoningText));
  const { content, refusal } = message;
  const hasContent =
    (typeof content === 'string' && content !== '') || (Array.isArray(content) && content.length > 0);
  if (hasContent || (typeof refusal === 'string' && refusal !== '')) {
    let canonicalContent: string | CanonicalContentPart[] =
      hasContent && content ? contentToCanonical(content) : [];
    if (typeof refusal === 'string' && refusal !== '') {
      const parts =
        typeof canonicalContent === 'string'
          ? [{ type: 'text' as const, text: canonicalContent }]
          : canonicalContent;
      canonicalContent = [...parts, { type: 'refusal', refusal }];
    }
    const item: CanonicalMessage = { type: 'message', role: 'assistant', content: canonicalContent };
    if (typeof message.name === 'string') item.name = message.name;
    items.push(item);
  }
  for (const call of message.tool_calls ?? []) {
    const providerState = providerStateFields.fromChatToolCall(call);
    items.push({
      type: 'function_call',
      callId: call.id,
      name: call.function.name,
      arguments: call.function.arguments,
      ...(providerState !== undefined ? { providerState } : {}),
    });
  }
  return items;
}

/**
 * Chat messages → canonical items. An assistant message becomes its echoed `thinking_blocks` (as a
 * reasoning item, if any), its text (if any), then one `function_call` per tool call; a `tool` message becomes a `function_call_output`. Ids pass unchanged.
 */
export function chatMessagesToItems(messages: readonly ChatMessage[]): CanonicalItem[] {
  const items: CanonicalItem[] = [];
  for (const message of messages) {
    switch (message.role) {
      case 'assistant':
        items.push(...assistantToItems(message));
        break;
      case 'tool':
        items.push({
          type: 'function_call_output',
          callId: message.tool_call_id,
          output:
            typeof message.content === 'string' ? message.content : message.content.map(chatPartToCanonical),
        });
        break;
      default: {
        const item: CanonicalMessage = {
          type: 'message',
          role: message.role,
          content: contentToCanonical(message.content),
        };
        if (typeof message.name === 'string') item.name = message.name;
        items.push(item);
      }
    }
  }
  return items;
}
