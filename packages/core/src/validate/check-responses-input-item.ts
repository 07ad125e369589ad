import { getOwn, isJsonObject } from '../json/get-own.js';
import { checkFunctionCallItem } from './check-function-call-item.js';
import { checkFunctionCallOutputItem } from './check-function-call-output-item.js';
import { checkResponsesMessageItem } from './check-responses-message-item.js';
import { formatMixingHints } from './format-mixing-hints.js';
import type { PathSegment, ValidationIssue } from './issue.js';
import { openaiIssues } from './openai-issues.js';

const HANDLED_TYPES = [
  'message',
  'function_call',
  'function_call_output',
  'item_reference',
  'reasoning',
  'compaction',
] as const;
// Other item types of the current SDK (`ResponseInputItem`, v6.49): known to OpenAI, not handled here.
const OTHER_TYPES = [
  'file_search_call',
  'computer_call',
  'computer_call_output',
  'web_search_call',
  'tool_search_call',
  'tool_search_output',
  'additional_tools',
  'image_generation_call',
  'code_interpreter_call',
  'local_shell_call',
  'local_shell_call_output',
  'shell_call',
  'shell_call_output',
  'apply_patch_call',
  'apply_patch_call_output',
  'mcp_list_tools',
  'mcp_approval_request',
  'mcp_approval_response',
  'mcp_call',
  'custom_tool_call_output',
  'custom_tool_call',
  'compaction_trigger',
  'program',
  'program_output',
] as const;

/**
 * One item of Responses `input` (docs/protocol/responses.md#input-items). A `type`-less item is an easy
 * message when it has a `role`, else an item reference when it has an `id`. Reasoning items are accepted as
 * echoed.
 */
export function checkResponsesInputItem(
  item: unknown,
  index: number,
  maxNameLength: number,
): ValidationIssue[] {
  const path: PathSegment[] = ['input', index];
  if (!isJsonObject(item)) return [openaiIssues.invalidType(path, 'an object', item)];
  const type = getOwn(item, 'type') ?? inferType(item);
  switch (type) {
    case undefined:
      return [openaiIssues.missingRequired([...path, 'type'])];
    case 'message':
      return checkResponsesMessageItem(item, path);
    case 'function_call':
      return checkFunctionCallItem(item, path, maxNameLength);
    case 'function_call_output':
      return checkFunctionCallOutputItem(item, path);
    case 'item_reference':
      return checkItemReference(item, path);
    case 'reasoning':
      return [];
    case 'compaction':
      return checkCompactionItem(item, path);
    default:
      return [unhandledType(type, [...path, 'type'])];
  }
}

function inferType(item: Record<string, unknown>): string | undefined {
  if (Object.hasOwn(item, 'role')) return 'message';
  return Object.hasOwn(item, 'id') ? 'item_reference' : undefined;
}

function checkItemReference(item: Record<string, unknown>, path: PathSegment[]): ValidationIssue[] {
  const id = getOwn(item, 'id');
  if (id === undefined) return [openaiIssues.missingRequired([...path, 'id'])];
  return typeof id === 'string' ? [] : [openaiIssues.invalidType([...path, 'id'], 'a string', id)];
}

/** The spec's bound on a compaction item's content (docs/open-responses.md#compaction). */
const MAX_COMPACTION_CHARS = 10 * 1024 * 1024;

/** A `compaction` item from `POST /v1/responses/compact`, passed back as it came: its content is opaque. */
function checkCompactionItem(item: Record<string, unknown>, path: PathSegment[]): ValidationIssue[] {
  const content = getOwn(item, 'encrypted_content');
  if (content === undefined) return [openaiIssues.missingRequired([...path, 'encrypted_content'])];
  if (typeof content !== 'string') {
    return [openaiIssues.invalidType([...path, 'encrypted_content'], 'a string', content)];
  }
  if (content.length > MAX_COMPACTION_CHARS) {
    return [openaiIssues.stringTooLong([...path, 'encrypted_content'], MAX_COMPACTION_CHARS, content.length)];
  }
  return [];
}

function unhandledType(type: unknown, path: PathSegment[]): ValidationIssue {
  if ((OTHER_TYPES as readonly unknown[]).includes(type)) {
    return openaiIssues.unsupportedValue(path, type, formatMixingHints.functionItemsOnly);
  }
  return openaiIssues.invalidValue(path, type, [...HANDLED_TYPES, ...OTHER_TYPES]);
}
