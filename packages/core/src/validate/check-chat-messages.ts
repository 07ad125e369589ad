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
  const issues = messages.flatMap((message, index) => checkChatMessage(message, index, maxNameLength));
  // Every entry was checked against its role's wire shape just above.
  return { issues, messages: issues.length === 0 ? (messages as ChatMessage[]) : undefined };
}
