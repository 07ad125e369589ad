import { getOwn } from '../json/get-own.js';
import { checkResponsesContent } from './check-responses-content.js';
import { formatMixingHints } from './format-mixing-hints.js';
import type { PathSegment, ValidationIssue } from './issue.js';
import { openaiIssues } from './openai-issues.js';

const ROLES = ['user', 'assistant', 'system', 'developer'] as const;
const INPUT_PARTS = ['input_text', 'input_image', 'input_file'] as const;
const OUTPUT_PARTS = ['output_text', 'refusal'] as const;

/**
 * A message item in Responses `input` (docs/protocol/responses.md#input-items), easy form or echoed output
 * form (`id`, `status`, `annotations`, `logprobs` pass). A Chat `role:"tool"` message or a message carrying
 * `tool_calls` gets OpenAI's error plus a hint naming the Responses item to send instead.
 */
export function checkResponsesMessageItem(
  item: Record<string, unknown>,
  path: PathSegment[],
): ValidationIssue[] {
  const role = getOwn(item, 'role');
  if (role === undefined) return [openaiIssues.missingRequired([...path, 'role'])];
  if (typeof role !== 'string') return [openaiIssues.invalidType([...path, 'role'], 'a string', role)];
  if (!(ROLES as readonly string[]).includes(role)) {
    const hint = role === 'tool' ? formatMixingHints.responsesToolRole : undefined;
    return [openaiIssues.invalidValue([...path, 'role'], role, ROLES, hint)];
  }
  if (Object.hasOwn(item, 'tool_calls')) {
    return [openaiIssues.unknownParameter([...path, 'tool_calls'], formatMixingHints.responsesToolCalls)];
  }
  const content = getOwn(item, 'content');
  if (content === undefined) return [openaiIssues.missingRequired([...path, 'content'])];
  const partTypes = role === 'assistant' ? OUTPUT_PARTS : INPUT_PARTS;
  return checkResponsesContent({ content, path: [...path, 'content'], partTypes });
}
