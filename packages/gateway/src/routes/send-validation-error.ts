import { issueToErrorBody, type ValidationIssue } from '@toolbridge/core';
import { GatewayError } from '../errors/gateway-error.js';
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

/**
 * The first validation issue as a thrown error with the same status and envelope, for checks that run
 * where nothing can be written yet (turn preparation, shared by HTTP and WebSocket mode).
 */
export function issuesToGatewayError(issues: readonly ValidationIssue[]): GatewayError {
  const first = issues[0];
  const body = first
    ? issueToErrorBody(first)
    : { error: { message: 'Invalid request.', type: 'invalid_request_error', param: null, code: null } };
  return new GatewayError({
    code: 'invalid_request',
    message: body.error.message,
    param: body.error.param,
    openaiCode: body.error.code,
    status: first?.status ?? 400,
    type: body.error.type,
  });
}
