import { checkContentPart } from './check-content-part.js';
import { formatMixingHints } from './format-mixing-hints.js';
import type { PathSegment, ValidationIssue } from './issue.js';
import { openaiIssues } from './openai-issues.js';

// Chat part types a client may paste into a Responses item by mistake.
const CHAT_PART_TYPES = ['text', 'image_url'] as const;

/**
 * A Responses content value (message `content`, function_call_output `output`): a string, or an array of
 * parts whose `type` is one of `partTypes` (docs/protocol/responses.md#input-items: assistant parts are
 * output_text/refusal).
 */
export function checkResponsesContent(options: {
  content: unknown;
  path: PathSegment[];
  partTypes: readonly string[];
}): ValidationIssue[] {
  const { content, path, partTypes } = options;
  if (typeof content === 'string') return [];
  if (!Array.isArray(content)) {
    return [openaiIssues.invalidType(path, 'one of a string or array of objects', content)];
  }
  return content.flatMap((part, index) =>
    checkContentPart({
      part,
      path: [...path, index],
      partTypes,
      foreignTypes: CHAT_PART_TYPES,
      hint: formatMixingHints.responsesContentPart,
    }),
  );
}
