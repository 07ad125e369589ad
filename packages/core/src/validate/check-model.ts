import { getOwn } from '../json/get-own.js';
import type { ValidationIssue } from './issue.js';
import { openaiIssues } from './openai-issues.js';

/**
 * `model` is required on both endpoints here (docs/protocol/errors.md#generic-validation-errors): a missing
 * or empty one fails with OpenAI's `you must provide a model parameter` (param and code `null`), a non-string
 * with a type error.
 */
export function checkModel(body: Readonly<Record<string, unknown>>): ValidationIssue[] {
  const model = getOwn(body, 'model');
  if (model === undefined || model === null || model === '') {
    return [
      {
        code: 'missing_model',
        path: [],
        message: 'you must provide a model parameter',
        param: null,
        openaiCode: null,
      },
    ];
  }
  return typeof model === 'string' ? [] : [openaiIssues.invalidType(['model'], 'a string', model)];
}
