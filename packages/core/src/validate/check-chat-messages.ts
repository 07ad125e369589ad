import { isShared } from '../json/frozen.js';
import type { ChatMessage } from '../protocol/chat/types.js';
import { checkChatMessage } from './check-chat-message.js';
import type { ValidationIssue } from './issue.js';
import { openaiIssues } from './openai-issues.js';

/** Issues of `messages`, and the messages themselves once they are known to be well-formed. */
export interface CheckedChatMessages {
  issues: ValidationIssue[];
  messages: ChatMessage[] | undefined;
}

/**
 * Shared messages (a conversation's earlier turns, kept parsed by the gateway's history cache) that
 * passed `checkChatMessage`, with the name length they passed under: a message's own checks depend
 * only on the message and that limit (its index only names it in an issue), and a shared message never
 * changes, so each turn of a conversation checks only its new messages. Pairing is still checked
 * across the whole history on every request.
 */
const passed = new WeakMap<object, number>();

function checkMessage(message: unknown, index: number, maxNameLength: number): ValidationIssue[] {
  const shared = isShared(message);
  if (shared && passed.get(message as object) === maxNameLength) return [];
  const issues = checkChatMessage(message, index, maxNameLength);
  if (shared && issues.length === 0) passed.set(message as object, maxNameLength);
  return issues;
}

/**
 * The Chat `messages` array (docs/protocol/chat-completions.md#messages): required, an array, at least one
 * message, each one well-formed. Pairing (E1–E3) is left to `checkChatToolPairing`, which needs well-formed
 * messages.
 */
export function checkChatMessages(messages: unknown, maxNameLength: number): CheckedChatMessages {
  if (messages === undefined) {
    return { issues: [openaiIssues.missingRequired(['messages'])], messages: undefined };
  }
  if (!Array.isArray(messages)) {
    return {
      issues: [openaiIssues.invalidType(['messages'], 'an array of objects', messages)],
      messages: undefined,
    };
  }
  if (messages.length === 0) return { issues: [openaiIssues.emptyArray(['messages'])], messages: undefined };
  const issues = messages.flatMap((message, index) => checkMessage(message, index, maxNameLength));
  // Every entry was checked against its role's wire shape just above.
  return { issues, messages: issues.length === 0 ? (messages as ChatMessage[]) : undefined };
}
