import type { OpenAIErrorBody } from '../protocol/common/error-body.js';
import { renderParam, type ValidationIssue } from './issue.js';

/**
 * Renders one issue as the OpenAI error envelope (docs/protocol/errors.md#envelope): all four keys, exact
 * param and code.
 */
export function issueToErrorBody(issue: ValidationIssue): OpenAIErrorBody {
  return {
    error: {
      message: issue.message,
      type: issue.type ?? 'invalid_request_error',
      param: issue.param !== undefined ? issue.param : issue.path.length > 0 ? renderParam(issue.path) : null,
      code: issue.openaiCode !== undefined ? issue.openaiCode : issue.code,
    },
  };
}
