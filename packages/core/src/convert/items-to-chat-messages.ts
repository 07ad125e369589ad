import type { CanonicalContentPart, CanonicalItem, CanonicalMessage } from '../items/canonical.js';
import type {
  ChatAssistantMessage,
  ChatContentPart,
  ChatMessage,
  ChatRefusalPart,
  ChatTextPart,
} from '../protocol/chat/types.js';
import { type ChatReasoningField, reasoningTextOf } from './chat-reasoning.js';
import { type Adjustments, canonicalPartToChat } from './content-parts.js';

function partsToChat(parts: CanonicalContentPart[], adjustments: Adjustments): ChatContentPart[] {
  const out: ChatContentPart[] = [];
  for (const part of parts) {
    const converted = canonicalPartToChat(part, adjustments);
    if (converted) out.push(converted);
  }
  return out;
}

function textOnly(parts: ChatContentPart[], where: string, adjustments: Adjustments): ChatTextPart[] {
  const text = parts.filter((part): part is ChatTextPart => part.type === 'text');
  if (text.length < parts.length) adjustments.push(`dropped non-text content parts from ${where}`);
  return text;
}

function assistantMessage(item: CanonicalMessage, adjustments: Adjustments): ChatAssistantMessage {
  const message: ChatAssistantMessage = { role: 'assistant' };
  if (typeof item.content === 'string') {
    message.content = item.content;
  } else {
    const parts = partsToChat(item.content, adjustments);
    const refusal = parts.find((part): part is ChatRefusalPart => part.type === 'refusal');
    const text = parts.filter((part): part is ChatTextPart => part.type === 'text');
    message.content = text.length > 0 ? text : null;
    if (refusal) message.refusal = refusal.refusal;
  }
  if (item.name !== undefined) message.name = item.name;
  return message;
}

function messageToChat(item: CanonicalMessage, adjustments: Adjustments): ChatMessage {
  if (item.role === 'assistant') return assistantMessage(item, adjustments);
  const content = typeof item.content === 'string' ? item.content : partsToChat(item.content, adjustments);
  if (item.role === 'user') {
    return { role: 'user', content, ...(item.name !== undefined ? { name: item.name } : {}) };
  }
  return {
    role: item.role,
    content: typeof content === 'string' ? content : textOnly(content, `a ${item.role} message`, adjustments),
    ...(item.name !== undefined ? { name: item.name } : {}),
  };
}

/**
 * Canonical items → Chat messages. Consecutive `function_call` items (and an assistant text message
 * right before them) merge into one assistant message with `tool_calls`, in order; call ids pass unchanged.
 * Items must be resolved first: `item_reference`s are dropped here, reasoning has no Chat form.
 */
export function itemsToChatMessages(
  items: readonly CanonicalItem[],
  adjustments: Adjustments,
  reasoningField: ChatReasoningField = 'reasoning_content',
): ChatMessage[] {
  const messages: ChatMessage[] = [];
  let openAssistant: ChatAssistantMessage | null = null;
  /** The assistant message a reasoning text opened, while it holds nothing else. */
  let reasoningOnly: ChatAssistantMessage | null = null;
  for (const item of items) {
    switch (item.type) {
      case 'message': {
        const message = messageToChat(item, adjustments);
        // The assistant message its reasoning opened (the last one pushed) takes the text: one message,
        // as it came. A converted message never has a reasoning field, so the reasoning stays.
        if (message.role === 'assistant' && reasoningOnly !== null) Object.assign(reasoningOnly, message);
        else {
          messages.push(message);
          openAssistant = message.role === 'assistant' ? message : null;
        }
        reasoningOnly = null;
        break;
      }
      case 'function_call': {
        if (!openAssistant) {
          openAssistant = { role: 'assistant', content: null };
          messages.push(openAssistant);
        }
        reasoningOnly = null;
        openAssistant.tool_calls ??= [];
        openAssistant.tool_calls.push({
          id: item.callId,
          type: 'function',
          function: { name: item.name, arguments: item.arguments },
        });
        break;
      }
      case 'function_call_output': {
        const content =
          typeof item.output === 'string'
            ? item.output
            : textOnly(partsToChat(item.output, adjustments), 'a tool result', adjustments);
        messages.push({ role: 'tool', tool_call_id: item.callId, content });
        openAssistant = null;
        reasoningOnly = null;
        break;
      }
      case 'reasoning': {
        // Summaries and encrypted state belong to the upstream that made them; a reasoning text goes
        // back as `reasoning_content` on the assistant message it precedes (reasoning servers want it
        // in a tool loop's history; docs/protocol/chat-completions.md#reasoning).
        const text = reasoningTextOf(item);
        if (text === undefined) break;
        const message: ChatAssistantMessage = { role: 'assistant', content: null, [reasoningField]: text };
        messages.push(message);
        openAssistant = message;
        reasoningOnly = message;
        break;
      }
      case 'item_reference':
        adjustments.push(`dropped an unresolved item_reference '${item.id}'`);
        break;
    }
  }
  return messages;
}
