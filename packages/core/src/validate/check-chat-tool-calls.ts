import { getOwn, isJsonObject } from '../json/get-own.js';
import { checkToolName } from './check-tool-name.js';
import { formatMixingHints } from './format-mixing-hints.js';
import type { PathSegment, ValidationIssue } from './issue.js';
import { openaiIssues } from './openai-issues.js';

/**
 * The `tool_calls` of an assistant message in Chat history (docs/protocol/chat-completions.md#messages):
 * a non-empty array of `{id, type:"function", function:{name, arguments}}`; echoed names are held to
 * E6/E7 too (docs/protocol/tools.md#names).
 */
export function checkChatToolCalls(
  toolCalls: unknown,
  path: PathSegment[],
  maxNameLength: number,
): ValidationIssue[] {
  if (!Array.isArray(toolCalls)) return [openaiIssues.invalidType(path, 'an array of objects', toolCalls)];
  if (toolCalls.length === 0) return [openaiIssues.emptyArray(path)];
  return toolCalls.flatMap((call, index) => checkToolCall(call, [...path, index], maxNameLength));
}

function checkToolCall(call: unknown, path: PathSegment[], maxNameLength: number): ValidationIssue[] {
  if (!isJsonObject(call)) return [openaiIssues.invalidType(path, 'an object', call)];
  const looksFlat = Object.hasOwn(call, 'call_id') || Object.hasOwn(call, 'name');
  const id = getOwn(call, 'id');
  if (id === undefined) {
    return [
      openaiIssues.missingRequired(
        [...path, 'id'],
        looksFlat ? formatMixingHints.chatToolCallEntry : undefined,
      ),
    ];
  }
  if (typeof id !== 'string') return [openaiIssues.invalidType([...path, 'id'], 'a string', id)];
  const type = getOwn(call, 'type');
  if (type === undefined) return [openaiIssues.missingRequired([...path, 'type'])];
  if (type === 'custom') {
    return [openaiIssues.unsupportedValue([...path, 'type'], type, formatMixingHints.functionToolsOnly)];
  }
  if (type !== 'function') {
    return [openaiIssues.invalidValue([...path, 'type'], type, ['function', 'custom'])];
  }
  const fn = getOwn(call, 'function');
  if (fn === undefined) {
    const hint = looksFlat ? formatMixingHints.chatToolCallEntry : undefined;
    return [openaiIssues.missingRequired([...path, 'function'], hint)];
  }
  if (!isJsonObject(fn)) return [openaiIssues.invalidType([...path, 'function'], 'an object', fn)];
  const issues = checkToolName(getOwn(fn, 'name'), [...path, 'function', 'name'], maxNameLength);
  const args = getOwn(fn, 'arguments');
  if (args === undefined) {
    issues.push(openaiIssues.missingRequired([...path, 'function', 'arguments']));
  } else if (typeof args !== 'string') {
    issues.push(openaiIssues.invalidType([...path, 'function', 'arguments'], 'a string', args));
  }
  return issues;
}
