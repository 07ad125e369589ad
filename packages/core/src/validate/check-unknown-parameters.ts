import { getOwn } from '../json/get-own.js';
import type { ValidationIssue } from './issue.js';
import { openaiIssues } from './openai-issues.js';
import type { ParameterTable } from './parameter-table.js';

/**
 * OpenAI rejects unknown top-level keys (docs/protocol/errors.md#generic-validation-errors):
 * `Unknown parameter: 'zzz'.`, code `unknown_parameter`, in body key order; a parameter of the other
 * endpoint gets a hint.
 */
export function checkUnknownParameters(
  body: Readonly<Record<string, unknown>>,
  table: ParameterTable,
): ValidationIssue[] {
  return Object.keys(body)
    .filter((key) => !table.known.has(key))
    .map((key) => openaiIssues.unknownParameter([key], getOwn(table.foreignHints, key)));
}
