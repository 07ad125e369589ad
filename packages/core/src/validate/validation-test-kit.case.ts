// Shared helpers of the validator tests (a `.case.ts` file: never part of the build).
import type { OpenAIErrorBody } from '../protocol/common/error-body.js';
import { issueToErrorBody } from './issue-to-error-body.js';
import type { ValidationResult } from './validation-result.js';

/** The `error` object of an OpenAI envelope. */
export type Envelope = OpenAIErrorBody['error'];

/** The envelope of the first issue of a rejected request; fails the test if it was accepted. */
export function firstError(result: ValidationResult<unknown>): Envelope {
  if (result.ok) throw new Error('expected the request to be rejected');
  const [first] = result.issues;
  if (first === undefined) throw new Error('a rejection must carry an issue');
  return issueToErrorBody(first).error;
}

/** An expected `invalid_request_error` envelope. */
export function error(message: string, param: string | null, code: string | null): Envelope {
  return { message, type: 'invalid_request_error', param, code };
}

/** The guide's strict `get_weather` parameters. */
export const weatherSchema = {
  type: 'object',
  properties: { city: { type: 'string' } },
  required: ['city'],
  additionalProperties: false,
};
