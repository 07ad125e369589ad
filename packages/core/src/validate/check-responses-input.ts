import { checkResponsesInputItem } from './check-responses-input-item.js';
import type { ValidationIssue } from './issue.js';
import { openaiIssues } from './openai-issues.js';

/**
 * Responses `input` (docs/protocol/responses.md#input-items): optional; a string (one user message) or an
 * array of items, each well-formed. Pairing (E13–E15) is left to `checkResponsesInputPairing`.
 */
export function checkResponsesInput(input: unknown, maxNameLength: number): ValidationIssue[] {
  if (input === undefined || typeof input === 'string') return [];
  if (!Array.isArray(input)) {
    return [openaiIssues.invalidType(['input'], 'one of a string or array of objects', input)];
  }
  return input.flatMap((item, index) => checkResponsesInputItem(item, index, maxNameLength));
}
