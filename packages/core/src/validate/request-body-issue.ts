import { describeJsonType } from './describe-json-type.js';
import type { ValidationIssue } from './issue.js';

/**
 * The issue for a body that parsed as JSON but is not an object. OpenAI's text for this case is
 * UNCONFIRMED; ours names the type, with param `null` and code `invalid_type`.
 */
export function requestBodyIssue(body: unknown): ValidationIssue {
  const message = `Invalid type for request body: expected a JSON object, but got ${describeJsonType(body)} instead.`;
  return { code: 'invalid_type', path: [], message, param: null };
}
