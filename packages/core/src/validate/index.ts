/**
 * Request validation for `POST /v1/chat/completions` and `POST /v1/responses`: OpenAI's exact errors
 * (docs/protocol/errors.md), format-mixing hints, and the tool pairing checks the gateway reruns with the
 * stored `previous_response_id` chain. Render `issues[0]` with `issueToErrorBody`. @module
 */
export { checkChatToolPairing } from './check-chat-tool-pairing.js';
export { checkMetadata } from './check-metadata.js';
export { checkResponsesInputPairing } from './check-responses-input-pairing.js';
export type { ToolListMemo } from './check-tool-list.js';
export type { PathSegment, ValidationIssue } from './issue.js';
export { renderParam } from './issue.js';
export { issueToErrorBody } from './issue-to-error-body.js';
export type { RequestValidationOptions } from './request-validation-options.js';
export { validateChatRequest } from './validate-chat-request.js';
export { type CompactRequest, validateCompactRequest } from './validate-compact-request.js';
export { validateResponsesRequest } from './validate-responses-request.js';
export type { ValidationResult } from './validation-result.js';
