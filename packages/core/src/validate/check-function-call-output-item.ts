import { getOwn } from '../json/get-own.js';
import { checkOptionalField } from './check-optional-field.js';
import { checkResponsesContent } from './check-responses-content.js';
import { formatMixingHints } from './format-mixing-hints.js';
import type { PathSegment, ValidationIssue } from './issue.js';
import { openaiIssues } from './openai-issues.js';

const OUTPUT_PARTS = ['input_text', 'input_image', 'input_file'] as const;

/**
 * A `function_call_output` item (docs/protocol/responses.md#input-items): `call_id` (required in practice)
 * and `output`, a string or input_text/input_image/input_file parts. Chat's `tool_call_id`/`content` get
 * hints.
 */
export function checkFunctionCallOutputItem(
  item: Record<string, unknown>,
  path: PathSegment[],
): ValidationIssue[] {
  const callId = getOwn(item, 'call_id');
  if (callId === undefined) {
    const hint = Object.hasOwn(item, 'tool_call_id') ? formatMixingHints.responsesCallId : undefined;
    return [openaiIssues.missingRequired([...path, 'call_id'], hint)];
  }
  if (typeof callId !== 'string') return [openaiIssues.invalidType([...path, 'call_id'], 'a string', callId)];
  const output = getOwn(item, 'output');
  if (output === undefined) {
    const hint = Object.hasOwn(item, 'content') ? formatMixingHints.responsesOutputField : undefined;
    return [openaiIssues.missingRequired([...path, 'output'], hint)];
  }
  return [
    ...checkResponsesContent({ content: output, path: [...path, 'output'], partTypes: OUTPUT_PARTS }),
    ...checkOptionalField(item, 'id', [...path, 'id'], 'string', { nullable: true }),
  ];
}
