import { checkNamePattern } from './check-name-pattern.js';
import type { PathSegment, ValidationIssue } from './issue.js';
import { openaiIssues } from './openai-issues.js';

/**
 * A function name, defined in `tools` or echoed in history (`messages[i].tool_calls[j].function.name`,
 * `input[i].name`): required string, E6 pattern, then E7 length (docs/protocol/tools.md#names). One issue at
 * most.
 */
export function checkToolName(name: unknown, path: PathSegment[], maxLength: number): ValidationIssue[] {
  if (name === undefined) return [openaiIssues.missingRequired(path)];
  if (typeof name !== 'string') return [openaiIssues.invalidType(path, 'a string', name)];
  const patternIssues = checkNamePattern(name, path);
  if (patternIssues.length > 0) return patternIssues;
  return name.length > maxLength ? [openaiIssues.stringTooLong(path, maxLength, name.length)] : [];
}
