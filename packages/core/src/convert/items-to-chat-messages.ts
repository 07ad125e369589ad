import type { CanonicalContentPart, CanonicalItem, CanonicalMessage } from '../items/canonical.js';
import { freezeShared, isShared } from '../json/frozen.js';
import type {
  ChatAssistantMessage,
  ChatContentPart,
  ChatMessage,
  ChatRefusalPart,
  ChatTextPart,
} from '../protocol/chat/types.js';
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
 * Canonical items → Chat messages, one by one. Consecutive `function_call` items (and an assistant text message
 * right before them) merge into one assistant message with `tool_calls`, in order; call ids pass unchanged.
 * Items must be resolved first: `item_reference`s are dropped here, reasoning has no Chat form.
 */
function convertItems(items: readonly CanonicalItem[], adjustments: Adjustments): ChatMessage[] {
  const messages: ChatMessage[] = [];
  let openAssistant: ChatAssistantMessage | null = null;
  for (const item of items) {
    switch (item.type) {
      case 'message': {
        const message = messageToChat(item, adjustments);
        messages.push(message);
        openAssistant = message.role === 'assistant' ? message : null;
        break;
      }
      case 'function_call': {
        if (!openAssistant) {
          openAssistant = { role: 'assistant', content: null };
          messages.push(openAssistant);
        }
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
        break;
      }
      case 'reasoning':
        // Reasoning state belongs to the Responses upstream that produced it; Chat has no field for it.
        break;
      case 'item_reference':
        adjustments.push(`dropped an unresolved item_reference '${item.id}'`);
        break;
    }
  }
  return messages;
}

/** A shared group of items converted once: the message it became and the adjustments made on the way. */
interface ConvertedGroup {
  items: readonly CanonicalItem[];
  message: ChatMessage;
  adjustments: readonly string[];
}

/** Groups converted once, by their first item (shared items only). */
const convertedGroups = new WeakMap<object, ConvertedGroup>();

/**
 * End (exclusive) of the group of items starting at `index` that becomes exactly one Chat message
 * whatever comes before it, or -1 when the items there are not such a group. A group is a user,
 * system or developer message, a `function_call_output`, or an assistant message or a first
 * `function_call` with the `function_call`s right after it. An assistant group must be followed by a
 * message, a `function_call_output` or nothing: a reasoning item or an `item_reference` in between
 * would keep the assistant message open for later calls.
 */
function groupEnd(items: readonly CanonicalItem[], index: number, assistantOpen: boolean): number {
  const first = items[index] as CanonicalItem;
  const opensAssistant = first.type === 'message' && first.role === 'assistant';
  if (first.type === 'function_call_output' || (first.type === 'message' && !opensAssistant))
    return index + 1;
  if (!opensAssistant && (first.type !== 'function_call' || assistantOpen)) return -1;
  let end = index + 1;
  while (end < items.length && (items[end] as CanonicalItem).type === 'function_call') end++;
  const next = items[end];
  return next === undefined || next.type === 'message' || next.type === 'function_call_output' ? end : -1;
}

/**
 * The message a group of shared items becomes, converted once per group (a conversation's earlier
 * turns, kept by the gateway's history cache, come back on every request); undefined when the items at
 * `index` are not a shared group.
 */
function sharedGroup(
  items: readonly CanonicalItem[],
  index: number,
  assistantOpen: boolean,
): ConvertedGroup | undefined {
  const first = items[index] as CanonicalItem;
  if (!isShared(first)) return undefined;
  const end = groupEnd(items, index, assistantOpen);
  if (end === -1) return undefined;
  const kept = convertedGroups.get(first);
  if (kept !== undefined) {
    if (kept.items.length !== end - index) return undefined;
    for (let at = 1; at < kept.items.length; at++) if (kept.items[at] !== items[index + at]) return undefined;
    return kept;
  }
  const group = items.slice(index, end);
  if (!group.every(isShared)) return undefined;
  const adjustments: Adjustments = [];
  const [message, ...more] = convertItems(group, adjustments);
  if (message === undefined || more.length > 0) return undefined;
  const converted = { items: group, message: freezeShared(message), adjustments };
  convertedGroups.set(first, converted);
  return converted;
}

/**
 * Canonical items → Chat messages. Consecutive `function_call` items (and an assistant text message
 * right before them) merge into one assistant message with `tool_calls`, in order; call ids pass unchanged.
 * Items must be resolved first: `item_reference`s are dropped here, reasoning has no Chat form.
 *
 * Shared items (a conversation's earlier turns, `chatMessagesToItems`) become shared messages, each
 * converted once, so the upstream request writes their text once too (`stringifyWithShared`).
 */
export function itemsToChatMessages(
  items: readonly CanonicalItem[],
  adjustments: Adjustments,
): ChatMessage[] {
  if (!items.some(isShared)) return convertItems(items, adjustments);
  const messages: ChatMessage[] = [];
  let index = 0;
  let from = 0;
  let assistantOpen = false;
  while (index < items.length) {
    const group = sharedGroup(items, index, assistantOpen);
    if (group === undefined) {
      const item = items[index] as CanonicalItem;
      if (item.type === 'message') assistantOpen = item.role === 'assistant';
      else if (item.type === 'function_call') assistantOpen = true;
      else if (item.type === 'function_call_output') assistantOpen = false;
      index++;
      continue;
    }
    // The unshared items before the group convert as before; the group ends any open assistant message.
    if (from < index) messages.push(...convertItems(items.slice(from, index), adjustments));
    messages.push(group.message);
    adjustments.push(...group.adjustments);
    index += group.items.length;
    from = index;
    assistantOpen = false;
  }
  if (from < items.length) messages.push(...convertItems(items.slice(from), adjustments));
  return messages;
}
