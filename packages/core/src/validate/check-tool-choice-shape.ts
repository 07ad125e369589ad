import { getOwn, isJsonObject } from '../json/get-own.js';
import { checkToolChoiceString, TOOL_CHOICE_TYPE_EXPECTATION } from './check-tool-choice-string.js';
import type { CheckedToolChoice } from './check-tool-references.js';
import type { ValidationIssue } from './issue.js';
import { openaiIssues } from './openai-issues.js';

/**
 * How one endpoint reads the object forms of `tool_choice` (their fields differ,
 * docs/protocol/tool-choice.md#forms).
 */
export interface ToolChoiceShapes {
  /** `{type:"function", …}`. */
  named(choice: Record<string, unknown>): CheckedToolChoice;
  /** `{type:"allowed_tools", …}`. */
  allowed(choice: Record<string, unknown>): CheckedToolChoice;
  /** Any other `type`: unsupported or invalid, in that endpoint's words. */
  otherType(type: unknown): ValidationIssue;
}

const NONE: CheckedToolChoice = { issues: [], references: [] };

/**
 * What both endpoints check alike (docs/protocol/tool-choice.md#validation-errors): absent is fine, a string
 * must be a mode, anything else must be an object with a `type`; the object forms go to the endpoint's
 * `shapes`.
 */
export function checkToolChoiceShape(choice: unknown, shapes: ToolChoiceShapes): CheckedToolChoice {
  if (choice === undefined) return NONE;
  if (typeof choice === 'string') return { issues: checkToolChoiceString(choice), references: [] };
  if (!isJsonObject(choice)) {
    return {
      issues: [openaiIssues.invalidType(['tool_choice'], TOOL_CHOICE_TYPE_EXPECTATION, choice)],
      references: [],
    };
  }
  const type = getOwn(choice, 'type');
  if (type === undefined) {
    return { issues: [openaiIssues.missingRequired(['tool_choice', 'type'])], references: [] };
  }
  if (type === 'function') return shapes.named(choice);
  if (type === 'allowed_tools') return shapes.allowed(choice);
  return { issues: [shapes.otherType(type)], references: [] };
}
