import { getOwn } from '../json/get-own.js';
import { checkOptionalField } from './check-optional-field.js';
import { checkToolName } from './check-tool-name.js';
import { formatMixingHints } from './format-mixing-hints.js';
import type { PathSegment, ValidationIssue } from './issue.js';
import { openaiIssues } from './openai-issues.js';

/**
 * A `function_call` item in Responses `input` (docs/protocol/responses.md#input-items), as the client echoes
 * it (`id`, `status` pass): `call_id`, `name` (held to E6/E7 at `input[i].name`,
 * docs/protocol/tools.md#names) and string `arguments`.
 */
export function checkFunctionCallItem(
  item: Record<string, unknown>,
  path: PathSegment[],
  maxNameLength: number,
): ValidationIssue[] {
  const nested = Object.hasOwn(item, 'function') ? formatMixingHints.responsesNestedCall : undefined;
  const callId = getOwn(item, 'call_id');
  if (callId === undefined) return [openaiIssues.missingRequired([...path, 'call_id'], nested)];
  if (typeof callId !== 'string') return [openaiIssues.invalidType([...path, 'call_id'], 'a string', callId)];
  const name = getOwn(item, 'name');
  if (name === undefined) return [openaiIssues.missingRequired([...path, 'name'], nested)];
  const issues = checkToolName(name, [...path, 'name'], maxNameLength);
  const args = getOwn(item, 'arguments');
  if (args === undefined) {
    issues.push(openaiIssues.missingRequired([...path, 'arguments'], nested));
  } else if (typeof args !== 'string') {
    issues.push(openaiIssues.invalidType([...path, 'arguments'], 'a string', args));
  }
  issues.push(...checkOptionalField(item, 'id', [...path, 'id'], 'string'));
  return issues;
}
