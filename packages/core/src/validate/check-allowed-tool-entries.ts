import { getOwn, isJsonObject } from '../json/get-own.js';
import type { CheckedToolChoice, ToolReference } from './check-tool-references.js';
import { formatMixingHints } from './format-mixing-hints.js';
import type { PathSegment, ValidationIssue } from './issue.js';
import { openaiIssues } from './openai-issues.js';

const NON_FUNCTION_TYPES = {
  chat: ['custom'],
  responses: ['file_search', 'web_search', 'web_search_preview', 'computer_use_preview', 'mcp', 'custom'],
} as const;

/**
 * The `tools` list of an `allowed_tools` choice (docs/protocol/tool-choice.md#forms): function entries in the
 * endpoint's own shape (`{type, function:{name}}` on Chat, `{type, name}` on Responses), at most `maxEntries`
 * of them.
 */
export function checkAllowedToolEntries(options: {
  tools: unknown;
  path: PathSegment[];
  endpoint: 'chat' | 'responses';
  maxEntries: number;
}): CheckedToolChoice {
  const { tools, path, endpoint, maxEntries } = options;
  if (tools === undefined) return { issues: [openaiIssues.missingRequired(path)], references: [] };
  if (!Array.isArray(tools)) {
    return { issues: [openaiIssues.invalidType(path, 'an array of objects', tools)], references: [] };
  }
  if (tools.length > maxEntries) {
    return { issues: [openaiIssues.arrayTooLong(path, maxEntries, tools.length)], references: [] };
  }
  const issues: ValidationIssue[] = [];
  const references: ToolReference[] = [];
  tools.forEach((entry, index) => {
    const entryPath = [...path, index];
    const checked = checkEntry(entry, entryPath, endpoint);
    if (typeof checked === 'string') references.push({ kind: 'allowed', name: checked, path: entryPath });
    else issues.push(checked);
  });
  return { issues, references };
}

/** Returns the function name an entry names, or the issue that stops it from naming one. */
function checkEntry(
  entry: unknown,
  path: PathSegment[],
  endpoint: 'chat' | 'responses',
): string | ValidationIssue {
  if (!isJsonObject(entry)) return openaiIssues.invalidType(path, 'an object', entry);
  const type = getOwn(entry, 'type');
  if (type === undefined) return openaiIssues.missingRequired([...path, 'type']);
  if (type !== 'function') {
    const known = (NON_FUNCTION_TYPES[endpoint] as readonly unknown[]).includes(type);
    return known
      ? openaiIssues.unsupportedValue([...path, 'type'], type, formatMixingHints.functionToolsOnly)
      : openaiIssues.invalidValue([...path, 'type'], type, ['function', ...NON_FUNCTION_TYPES[endpoint]]);
  }
  if (endpoint === 'responses') {
    const hint = Object.hasOwn(entry, 'function') ? formatMixingHints.responsesAllowedToolEntry : undefined;
    return readName(entry, [...path, 'name'], hint);
  }
  const fn = getOwn(entry, 'function');
  if (fn === undefined) {
    const hint = Object.hasOwn(entry, 'name') ? formatMixingHints.chatAllowedToolEntry : undefined;
    return openaiIssues.missingRequired([...path, 'function'], hint);
  }
  if (!isJsonObject(fn)) return openaiIssues.invalidType([...path, 'function'], 'an object', fn);
  return readName(fn, [...path, 'function', 'name'], undefined);
}

function readName(
  record: Record<string, unknown>,
  path: PathSegment[],
  hint: string | undefined,
): string | ValidationIssue {
  const name = getOwn(record, 'name');
  if (name === undefined) return openaiIssues.missingRequired(path, hint);
  return typeof name === 'string' ? name : openaiIssues.invalidType(path, 'a string', name);
}
