import { getOwn, isJsonObject } from '../json/get-own.js';
import type { CheckedTool } from './check-chat-tool.js';
import { checkOptionalField } from './check-optional-field.js';
import { checkStrictParameters } from './check-strict-parameters.js';
import { checkToolName } from './check-tool-name.js';
import { formatMixingHints } from './format-mixing-hints.js';
import type { PathSegment } from './issue.js';
import { openaiIssues } from './openai-issues.js';

// Tool types of the current SDK (`Tool` in openai/resources/responses/responses.d.ts, v6.49).
const RESPONSES_TOOL_TYPES = [
  'function',
  'file_search',
  'computer',
  'computer_use_preview',
  'web_search',
  'web_search_2025_08_26',
  'mcp',
  'code_interpreter',
  'programmatic_tool_calling',
  'image_generation',
  'local_shell',
  'shell',
  'custom',
  'namespace',
  'tool_search',
  'web_search_preview',
  'web_search_preview_2025_03_11',
  'apply_patch',
] as const;

/**
 * One Responses tool (docs/protocol/tools.md#responses-flat-tools): flat `{type:"function", name, …}`. A
 * nested Chat tool fails with OpenAI's E5 plus a hint; `strict: true` schemas are checked (E12), an omitted
 * `strict` never is (docs/protocol/tools.md#strict-default). Hosted and custom tools are known to OpenAI but
 * not handled by this gateway.
 */
export function checkResponsesTool(tool: unknown, index: number, maxNameLength: number): CheckedTool {
  const path = ['tools', index];
  if (!isJsonObject(tool)) {
    return { issues: [openaiIssues.invalidType(path, 'an object', tool)], name: undefined };
  }
  const type = getOwn(tool, 'type');
  if (type === undefined) {
    return { issues: [openaiIssues.missingRequired([...path, 'type'])], name: undefined };
  }
  if (type !== 'function') {
    const known = (RESPONSES_TOOL_TYPES as readonly unknown[]).includes(type);
    const issue = known
      ? openaiIssues.unsupportedValue([...path, 'type'], type, formatMixingHints.functionToolsOnly)
      : openaiIssues.invalidValue([...path, 'type'], type, RESPONSES_TOOL_TYPES);
    return { issues: [issue], name: undefined };
  }
  const rawName = getOwn(tool, 'name');
  if (rawName === undefined) {
    const hint = Object.hasOwn(tool, 'function') ? formatMixingHints.responsesTool : undefined;
    return { issues: [openaiIssues.missingRequired([...path, 'name'], hint)], name: undefined };
  }
  return checkResponsesFunction(tool, path, rawName, maxNameLength);
}

function checkResponsesFunction(
  tool: Record<string, unknown>,
  path: PathSegment[],
  rawName: unknown,
  maxNameLength: number,
): CheckedTool {
  const issues = [
    ...checkToolName(rawName, [...path, 'name'], maxNameLength),
    ...checkOptionalField(tool, 'description', [...path, 'description'], 'string', { nullable: true }),
    ...checkOptionalField(tool, 'parameters', [...path, 'parameters'], 'object', { nullable: true }),
    ...checkOptionalField(tool, 'strict', [...path, 'strict'], 'boolean', { nullable: true }),
  ];
  const name = typeof rawName === 'string' ? rawName : undefined;
  const parameters = getOwn(tool, 'parameters');
  const strict = getOwn(tool, 'strict') === true;
  if (
    issues.length === 0 &&
    name !== undefined &&
    strict &&
    parameters !== undefined &&
    parameters !== null
  ) {
    issues.push(...checkStrictParameters({ functionName: name, parameters, path: [...path, 'parameters'] }));
  }
  return { issues, name };
}
