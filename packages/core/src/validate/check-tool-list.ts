import { type CheckedTool, checkChatTool } from './check-chat-tool.js';
import { checkResponsesTool } from './check-responses-tool.js';
import { renderParam, type ValidationIssue } from './issue.js';
import { openaiIssues } from './openai-issues.js';
import { renderValue } from './render-value.js';
import type { ResolvedRequestValidationOptions } from './request-validation-options.js';

/** Issues of the `tools` array, plus the function names it defines (`undefined` when `tools` is absent). */
export interface CheckedToolList {
  issues: ValidationIssue[];
  names: ReadonlySet<string> | undefined;
}

/**
 * Tool-list checks kept for one tool set, by endpoint (`ToolSetCache` holds one per set): the result
 * depends only on the `tools` value and the validation options, which a caller keeps fixed per memo.
 */
export interface ToolListMemo {
  chat?: CheckedToolList;
  responses?: CheckedToolList;
}

/** `checkToolList` through `memo`: computed once per endpoint, then reused. */
export function checkToolListOnce(
  options: Parameters<typeof checkToolList>[0],
  memo: ToolListMemo | undefined,
): CheckedToolList {
  if (memo === undefined) return checkToolList(options);
  const known = memo[options.endpoint];
  if (known !== undefined) return known;
  const checked = checkToolList(options);
  memo[options.endpoint] = checked;
  return checked;
}

/**
 * The `tools` array of either endpoint: its JSON type, Chat's minimum of one entry, E8 (more than
 * `maxTools`), each tool, then duplicate function names (unconfirmed at OpenAI; rejected here,
 * docs/protocol/tools.md#names).
 */
export function checkToolList(options: {
  tools: unknown;
  endpoint: 'chat' | 'responses';
  validation: ResolvedRequestValidationOptions;
}): CheckedToolList {
  const { tools, endpoint, validation } = options;
  if (tools === undefined) return { issues: [], names: undefined };
  if (!Array.isArray(tools)) {
    return { issues: [openaiIssues.invalidType(['tools'], 'an array of objects', tools)], names: undefined };
  }
  if (endpoint === 'chat' && tools.length === 0) {
    return { issues: [openaiIssues.emptyArray(['tools'])], names: new Set() };
  }
  if (tools.length > validation.maxTools) {
    return {
      issues: [openaiIssues.arrayTooLong(['tools'], validation.maxTools, tools.length)],
      names: undefined,
    };
  }
  const checkTool = endpoint === 'chat' ? checkChatTool : checkResponsesTool;
  const checked = tools.map((tool, index) => checkTool(tool, index, validation.maxToolNameLength));
  const issues = checked.flatMap((tool) => tool.issues);
  issues.push(...findDuplicateNames(checked, endpoint));
  const names = new Set(checked.flatMap((tool) => (tool.name === undefined ? [] : [tool.name])));
  return { issues, names };
}

function findDuplicateNames(checked: CheckedTool[], endpoint: 'chat' | 'responses'): ValidationIssue[] {
  const firstIndex = new Map<string, number>();
  const issues: ValidationIssue[] = [];
  checked.forEach(({ name }, index) => {
    if (name === undefined) return;
    const earlier = firstIndex.get(name);
    if (earlier === undefined) {
      firstIndex.set(name, index);
      return;
    }
    const path = endpoint === 'chat' ? ['tools', index, 'function', 'name'] : ['tools', index, 'name'];
    const message = `Invalid '${renderParam(path)}': duplicate function name '${renderValue(name)}', already defined by tools[${earlier}]. Function names must be unique within one request; rename or remove one of them.`;
    issues.push({ code: 'duplicate_tool_name', path, message, openaiCode: 'invalid_value' });
  });
  return issues;
}
