import type { ChatMessage } from '../protocol/chat/types.js';
import type { ValidationIssue } from './issue.js';
import { renderValue } from './render-value.js';

/** The assistant message whose `tool_calls` are still waiting for tool messages. */
interface OpenBlock {
  index: number;
  /** Call ids in call order (a `Set` keeps insertion order). */
  ids: Set<string>;
  answered: Set<string>;
}

function roleParam(index: number): string {
  return `messages.[${index}].role`;
}

/**
 * Chat tool pairing (E1–E3, docs/protocol/chat-completions.md#pairing-rules), scanning in order. E1
 * (`unanswered_tool_calls`) lists every unanswered id, in call order, joined by ", ", with N = the index
 * of the assistant message that made the calls: the offending message (rule 5; OpenAI's own choice is
 * unconfirmed). E2 and E3 point at the tool message; E3's param and code copy E2's (unconfirmed).
 */
export function checkChatToolPairing(messages: ChatMessage[]): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  let block: OpenBlock | undefined;
  messages.forEach((message, index) => {
    if (message.role === 'tool') {
      const issue = checkToolMessage(message.tool_call_id, index, block);
      if (issue !== undefined) issues.push(issue);
      return;
    }
    if (block !== undefined) issues.push(...closeBlock(block));
    block = openBlock(message, index);
  });
  if (block !== undefined) issues.push(...closeBlock(block));
  return issues;
}

function openBlock(message: ChatMessage, index: number): OpenBlock | undefined {
  if (message.role !== 'assistant' || message.tool_calls === undefined || message.tool_calls.length === 0) {
    return undefined;
  }
  return { index, ids: new Set(message.tool_calls.map((call) => call.id)), answered: new Set() };
}

function checkToolMessage(
  toolCallId: string,
  index: number,
  block: OpenBlock | undefined,
): ValidationIssue | undefined {
  if (block === undefined) {
    const message =
      "Invalid parameter: messages with role 'tool' must be a response to a preceeding message with 'tool_calls'.";
    return {
      code: 'orphan_tool_message',
      path: ['messages', index, 'role'],
      param: roleParam(index),
      message,
      openaiCode: null,
    };
  }
  if (!block.ids.has(toolCallId)) {
    const message = `Invalid parameter: 'tool_call_id' of '${renderValue(toolCallId)}' not found in 'tool_calls' of previous message.`;
    return {
      code: 'unknown_tool_call_id',
      path: ['messages', index, 'role'],
      param: roleParam(index),
      message,
      openaiCode: null,
    };
  }
  block.answered.add(toolCallId);
  return undefined;
}

function closeBlock(block: OpenBlock): ValidationIssue[] {
  const missing = [...block.ids].filter((id) => !block.answered.has(id));
  if (missing.length === 0) return [];
  const message = `An assistant message with 'tool_calls' must be followed by tool messages responding to each 'tool_call_id'. The following tool_call_ids did not have response messages: ${missing.join(', ')}`;
  const path = ['messages', block.index, 'role'];
  return [{ code: 'unanswered_tool_calls', path, param: roleParam(block.index), message, openaiCode: null }];
}
