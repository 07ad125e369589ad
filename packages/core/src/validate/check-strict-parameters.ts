import { checkStrictSchema, strictSchemaErrorMessage } from '../schema/index.js';
import type { PathSegment, ValidationIssue } from './issue.js';

/**
 * E11 (Chat, `tools[i].function.parameters`) / E12 (Responses, `tools[i].parameters`): a tool sent with
 * `strict: true` whose schema breaks the strict rules (docs/protocol/strict-mode.md). Reports the first rule
 * broken, worded by `strictSchemaErrorMessage`, with OpenAI's code `invalid_function_parameters`.
 */
export function checkStrictParameters(options: {
  functionName: string;
  parameters: unknown;
  path: PathSegment[];
}): ValidationIssue[] {
  const { functionName, parameters, path } = options;
  const [first] = checkStrictSchema(parameters);
  if (first === undefined) return [];
  return [
    { code: 'invalid_function_parameters', path, message: strictSchemaErrorMessage(functionName, first) },
  ];
}
