import { getOwn, isJsonObject } from '../json/get-own.js';
import { checkChatContent } from './check-chat-content.js';
import { checkChatToolCalls } from './check-chat-tool-calls.js';
import { checkNamePattern } from './check-name-pattern.js';
import { checkOptionalField } from './check-optional-field.js';
import { formatMixingHints } from './format-mixing-hints.js';
import type { PathSegment, ValidationIssue } from './issue.js';
import { openaiIssues } from './openai-issues.js';

// Order as in OpenAI's message (docs/protocol/chat-completions.md#messages).
const ROLES = ['system', 'assistant', 'user', 'function', 'tool', 'developer'] as const;
const USER_PARTS = ['text', 'image_url', 'input_audio', 'file'] as const;
type Message = Record<string, unknown>;

/**
 * One Chat message (docs/protocol/chat-completions.md#messages): the role enum, `name`, then the rules of its
 * role. Output-shaped assistant messages (`content: null` with `tool_calls`, `refusal`, `annotations`,
 * `audio`) pass.
 */
export function checkChatMessage(message: unknown, index: number, maxNameLength: number): ValidationIssue[] {
  const path: PathSegment[] = ['messages', index];
  if (!isJsonObject(message)) return [openaiIssues.invalidType(path, 'an object', message)];
  const role = getOwn(message, 'role');
  if (role === undefined) {
    return [openaiIssues.missingRequired([...path, 'role'], responsesItemHint(message))];
  }
  if (typeof role !== 'string') return [openaiIssues.invalidType([...path, 'role'], 'a string', role)];
  if (!(ROLES as readonly string[]).includes(role)) {
    return [openaiIssues.invalidValue([...path, 'role'], role, ROLES)];
  }
  const issues = checkName(message, path);
  switch (role) {
    case 'system':
    case 'developer':
      return [...issues, ...checkRequiredContent(message, path, ['text'])];
    case 'user':
      return [...issues, ...checkRequiredContent(message, path, USER_PARTS)];
    case 'assistant':
      return [...issues, ...checkAssistant(message, path, maxNameLength)];
    case 'tool':
      return [...issues, ...checkTool(message, path)];
    default:
      return [...issues, ...checkLegacyFunction(message, path)];
  }
}

function responsesItemHint(message: Message): string | undefined {
  const type = getOwn(message, 'type');
  if (type === 'function_call_output') return formatMixingHints.chatFunctionCallOutput;
  if (type === 'function_call') return formatMixingHints.chatFunctionCallItem;
  return undefined;
}

function checkName(message: Message, path: PathSegment[]): ValidationIssue[] {
  const name = getOwn(message, 'name');
  if (name === undefined) return [];
  if (typeof name !== 'string') return [openaiIssues.invalidType([...path, 'name'], 'a string', name)];
  return checkNamePattern(name, [...path, 'name']);
}

function checkRequiredContent(message: Message, path: PathSegment[], partTypes: readonly string[]) {
  const content = getOwn(message, 'content');
  if (content === undefined) return [openaiIssues.missingRequired([...path, 'content'])];
  return checkChatContent({ content, path: [...path, 'content'], partTypes });
}

function checkAssistant(message: Message, path: PathSegment[], maxNameLength: number): ValidationIssue[] {
  const toolCalls = getOwn(message, 'tool_calls');
  const issues =
    toolCalls === undefined ? [] : checkChatToolCalls(toolCalls, [...path, 'tool_calls'], maxNameLength);
  issues.push(...checkOptionalField(message, 'refusal', [...path, 'refusal'], 'string', { nullable: true }));
  const content = getOwn(message, 'content');
  if (content !== undefined && content !== null) {
    return [
      ...issues,
      ...checkChatContent({ content, path: [...path, 'content'], partTypes: ['text', 'refusal'] }),
    ];
  }
  // Content may be omitted or null only when something else carries the turn
  // (docs/protocol/chat-completions.md#messages).
  const carried = ['tool_calls', 'function_call', 'refusal', 'audio'].some(
    (key) => getOwn(message, key) !== undefined && getOwn(message, key) !== null,
  );
  return carried ? issues : [...issues, openaiIssues.missingRequired([...path, 'content'])];
}

function checkTool(message: Message, path: PathSegment[]): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const toolCallId = getOwn(message, 'tool_call_id');
  if (toolCallId === undefined) {
    const hint = Object.hasOwn(message, 'call_id') ? formatMixingHints.chatToolCallId : undefined;
    issues.push(openaiIssues.missingRequired([...path, 'tool_call_id'], hint));
  } else if (typeof toolCallId !== 'string') {
    issues.push(openaiIssues.invalidType([...path, 'tool_call_id'], 'a string', toolCallId));
  }
  const content = getOwn(message, 'content');
  if (content === undefined) return [...issues, openaiIssues.missingRequired([...path, 'content'])];
  return [
    ...issues,
    ...checkChatContent({ content, path: [...path, 'content'], partTypes: ['text'], nonEmpty: true }),
  ];
}

function checkLegacyFunction(message: Message, path: PathSegment[]): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  if (getOwn(message, 'name') === undefined) issues.push(openaiIssues.missingRequired([...path, 'name']));
  const content = getOwn(message, 'content');
  if (content === undefined) {
    issues.push(openaiIssues.missingRequired([...path, 'content']));
  } else if (content !== null && typeof content !== 'string') {
    issues.push(openaiIssues.invalidType([...path, 'content'], 'a string', content));
  }
  return issues;
}
