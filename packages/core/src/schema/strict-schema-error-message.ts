import type { StrictSchemaIssue } from './strict-schema-issue.js';

/**
 * OpenAI's E11/E12 message for a strict tool whose schema breaks a rule
 * (docs/protocol/errors.md#e11-invalid-strict-schema-on-chat):
 * `Invalid schema for function 'get_weather': In context=(), 'additionalProperties' is required to be supplied and to be false.`
 */
export function strictSchemaErrorMessage(functionName: string, issue: StrictSchemaIssue): string {
  return `Invalid schema for function '${functionName}': In context=${issue.context}, ${issue.reason}.`;
}
