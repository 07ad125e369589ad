import { getOwn } from '../json/get-own.js';
import { checkOptionalField } from './check-optional-field.js';
import type { ValidationIssue } from './issue.js';
import { openaiIssues } from './openai-issues.js';
import type { ScalarRule } from './parameter-table.js';

/**
 * Type and minimum checks of plain top-level parameters, in table order
 * (docs/protocol/errors.md#generic-validation-errors: `Invalid type for 'n': …`, `Invalid 'n': integer below
 * minimum value. …`, Responses `max_output_tokens` ≥ 16).
 */
export function checkScalarParameters(
  body: Readonly<Record<string, unknown>>,
  rules: readonly ScalarRule[],
): ValidationIssue[] {
  return rules.flatMap((rule) => {
    const typeIssues = checkOptionalField(body, rule.key, [rule.key], rule.kind, { nullable: rule.nullable });
    if (typeIssues.length > 0) return typeIssues;
    const value = getOwn(body, rule.key);
    if (rule.minimum === undefined || typeof value !== 'number' || value >= rule.minimum) return [];
    return [openaiIssues.integerBelowMinimum([rule.key], rule.minimum, value)];
  });
}
