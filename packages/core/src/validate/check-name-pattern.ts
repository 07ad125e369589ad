import type { PathSegment, ValidationIssue } from './issue.js';
import { openaiIssues } from './openai-issues.js';

// OpenAI's pattern for function names and message `name`s (docs/protocol/tools.md#names).
const NAME_PATTERN_SOURCE = '^[a-zA-Z0-9_-]+$';
const NAME_PATTERN = /^[a-zA-Z0-9_-]+$/;

/** E6: a name must match `^[a-zA-Z0-9_-]+$`; also `messages[i].name` (docs/protocol/tools.md#names). */
export function checkNamePattern(name: string, path: PathSegment[]): ValidationIssue[] {
  return NAME_PATTERN.test(name) ? [] : [openaiIssues.patternMismatch(path, NAME_PATTERN_SOURCE)];
}
