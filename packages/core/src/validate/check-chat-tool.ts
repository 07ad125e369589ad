import { getOwn, isJsonObject } from '../json/get-own.js';
import { checkOptionalField } from './check-optional-field.js';
import { checkStrictParameters } from './check-strict-parameters.js';
import { checkToolName } from './check-tool-name.js';
import { formatMixingHints } from './format-mixing-hints.js';
import type { PathSegment, ValidationIssue } from './issue.js';
import { openaiIssues } from './openai-issues.js';

/** What checking one Chat tool yields: its issues and, when readable, its function name. */
export interface CheckedTool {
  issues: ValidationIssue[];
  name: string | undefined;
}

const CHAT_TOOL_TYPES = ['function', 'custom'] as const;

/**
 * One Chat Completions tool (docs/protocol/tools.md#chat-completions-nested-tools): nested
 * `{type:"function", function:{name, …}}`. A flat Responses tool fails with OpenAI's E4 plus a hint;
 * `strict: true` schemas are checked (E11).
 */
export function checkChatTool(tool: unknown, index: number, maxNameLength: number): CheckedTool {
  const path = ['tools', index];
  if (!isJsonObject(tool)) {
    return { issues: [openaiIssues.invalidType(path, 'an object', tool)], name: undefined };
  }
  const type = getOwn(tool, 'type');
  if (type === undefined) {
    return { issues: [openaiIssues.missingRequired([...path, 'type'])], name: undefined };
  }
  if (type === 'custom') {
    const issue = openaiIssues.unsupportedValue([...path, 'type'], type, formatMixingHints.functionToolsOnly);
    return { issues: [issue], name: undefined };
  }
  if (type !== 'function') {
    return { issues: [openaiIssues.invalidValue([...path, 'type'], type, CHAT_TOOL_TYPES)], name: undefined };
  }
  const fn = getOwn(tool, 'function');
  if (fn === undefined) {
    const looksFlat = Object.hasOwn(tool, 'name') || Object.hasOwn(tool, 'parameters');
    const hint = looksFlat ? formatMixingHints.chatTool : formatMixingHints.chatToolNoFlat;
    return { issues: [openaiIssues.missingRequired([...path, 'function'], hint)], name: undefined };
  }
  const fnPath: PathSegment[] = [...path, 'function'];
  if (!isJsonObject(fn)) {
    return { issues: [openaiIssues.invalidType(fnPath, 'an object', fn)], name: undefined };
  }
  return checkChatFunction(fn, fnPath, maxNameLength);
}

function checkChatFunction(
  fn: Record<string, unknown>,
  fnPath: PathSegment[],
  maxNameLength: number,
): CheckedTool {
  const rawName = getOwn(fn, 'name');
  const issues = [
    ...checkToolName(rawName, [...fnPath, 'name'], maxNameLength),
    ...checkOptionalField(fn, 'description', [...fnPath, 'description'], 'string'),
    ...checkOptionalField(fn, 'parameters', [...fnPath, 'parameters'], 'object'),
    ...checkOptionalField(fn, 'strict', [...fnPath, 'strict'], 'boolean', { nullable: true }),
  ];
  const name = typeof rawName === 'string' ? rawName : undefined;
  const parameters = getOwn(fn, 'parameters');
  if (
    issues.length === 0 &&
    name !== undefined &&
    getOwn(fn, 'strict') === true &&
    parameters !== undefined
  ) {
    issues.push(
      ...checkStrictParameters({ functionName: name, parameters, path: [...fnPath, 'parameters'] }),
    );
  }
  return { issues, name };
}
