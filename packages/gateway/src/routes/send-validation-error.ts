import { issueToErrorBody, type ValidationIssue } from '@toolbridge/core';
import type { RequestContext } from '../http/request-context.js';
import { sendJson } from '../http/send-json.js';

/** Answers with the first validation issue as the OpenAI envelope (OpenAI reports one error at a time). */
export function sendValidationError(
  context: RequestContext,
  issues: readonly ValidationIssue[],
  headers: Record<string, string>,
): void {
  const first = issues[0];
  const body = first
    ? issueToErrorBody(first)
    : { error: { message: 'Invalid request.', type: 'invalid_request_error', param: null, code: null } };
  context.log.errorCode = body.error.code ?? 'invalid_request';
  sendJson(context.response, first?.status ?? 400, body, headers);
}
