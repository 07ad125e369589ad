import { checkContentPart } from './check-content-part.js';
import { formatMixingHints } from './format-mixing-hints.js';
import type { PathSegment, ValidationIssue } from './issue.js';
import { openaiIssues } from './openai-issues.js';

// Responses part types a client may paste into a Chat message by mistake.
const RESPONSES_PART_TYPES = ['input_text', 'output_text', 'input_image', 'input_file'] as const;

/**
 * A Chat message `content` that is present: a string, or an array of parts whose `type` is one of `partTypes`
 * (docs/protocol/chat-completions.md#messages: a tool message takes text parts only, non-empty; an assistant
 * text or refusal).
 */
export function checkChatContent(options: {
  content: unknown;
  path: PathSegment[];
  partTypes: readonly string[];
  nonEmpty?: boolean;
}): ValidationIssue[] {
  const { content, path, partTypes, nonEmpty = false } = options;
  if (typeof content === 'string') return [];
  if (!Array.isArray(content)) {
    return [openaiIssues.invalidType(path, 'one of a string or array of objects', content)];
  }
  if (nonEmpty && content.length === 0) return [openaiIssues.emptyArray(path)];
  return content.flatMap((part, index) =>
    checkContentPart({
      part,
      path: [...path, index],
      partTypes,
      foreignTypes: RESPONSES_PART_TYPES,
      hint: formatMixingHints.chatContentPart,
    }),
  );
}
