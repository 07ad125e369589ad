import type { ValidationIssue } from './issue.js';
import { openaiIssues } from './openai-issues.js';

const TOOL_CHOICE_MODES = ['none', 'auto', 'required'] as const;

/**
 * OpenAI's (sic) expectation text for a `tool_choice` of the wrong JSON type
 * (docs/protocol/tool-choice.md#validation-errors).
 */
export const TOOL_CHOICE_TYPE_EXPECTATION = "one of one of 'none', 'auto', or 'required' or object";

/**
 * A string `tool_choice` must be `none`, `auto` or `required` on both endpoints
 * (docs/protocol/tool-choice.md#validation-errors).
 */
export function checkToolChoiceString(choice: string): ValidationIssue[] {
  if ((TOOL_CHOICE_MODES as readonly string[]).includes(choice)) return [];
  return [openaiIssues.invalidValue(['tool_choice'], choice, TOOL_CHOICE_MODES)];
}
