import { getOwn, isJsonObject } from '../json/get-own.js';
import type { ChatCompletionRequest } from '../protocol/chat/types.js';
import { chatParameterTable } from './chat-parameter-table.js';
import { checkChatMessages } from './check-chat-messages.js';
import { checkChatToolChoice } from './check-chat-tool-choice.js';
import { checkChatToolPairing } from './check-chat-tool-pairing.js';
import { checkMetadata } from './check-metadata.js';
import { checkModel } from './check-model.js';
import { checkScalarParameters } from './check-scalar-parameters.js';
import { checkToolListOnce, type ToolListMemo } from './check-tool-list.js';
import { checkToolPrerequisites } from './check-tool-prerequisites.js';
import { checkToolReferences } from './check-tool-references.js';
import { checkUnknownParameters } from './check-unknown-parameters.js';
import type { ValidationIssue } from './issue.js';
import { requestBodyIssue } from './request-body-issue.js';
import {
  type RequestValidationOptions,
  resolveRequestValidationOptions,
} from './request-validation-options.js';
import type { ValidationResult } from './validation-result.js';

/**
 * Validates a `POST /v1/chat/completions` body as OpenAI would, collecting every issue in report
 * order: model, unknown parameters, messages, tools, tool_choice, plain parameters, metadata,
 * parameters that need another, tool_choice names, then tool pairing (E1–E3, only once the
 * messages are well-formed). Render `issues[0]` with `issueToErrorBody`.
 * `toolListMemo` keeps the tools checks of one tool set across requests (see `ToolSetCache`).
 */
export function validateChatRequest(
  body: unknown,
  options?: RequestValidationOptions,
  toolListMemo?: ToolListMemo,
): ValidationResult<ChatCompletionRequest> {
  if (!isJsonObject(body)) return { ok: false, issues: [requestBodyIssue(body)] };
  const validation = resolveRequestValidationOptions(options);
  const issues: ValidationIssue[] = [...checkModel(body)];
  if (!validation.allowUnknownParameters) issues.push(...checkUnknownParameters(body, chatParameterTable));
  const messages = checkChatMessages(getOwn(body, 'messages'), validation.maxToolNameLength);
  const tools = checkToolListOnce(
    { tools: getOwn(body, 'tools'), endpoint: 'chat', validation },
    toolListMemo,
  );
  const toolChoice = checkChatToolChoice(getOwn(body, 'tool_choice'), validation.maxTools);
  issues.push(
    ...messages.issues,
    ...tools.issues,
    ...toolChoice.issues,
    ...checkScalarParameters(body, chatParameterTable.rules),
    ...checkMetadata(getOwn(body, 'metadata')),
    ...checkToolPrerequisites(body),
  );
  if (tools.names !== undefined) issues.push(...checkToolReferences(toolChoice.references, tools.names));
  if (messages.messages !== undefined) issues.push(...checkChatToolPairing(messages.messages));
  // No issue means every field read above matches `ChatCompletionRequest`.
  return issues.length > 0 ? { ok: false, issues } : { ok: true, value: body as ChatCompletionRequest };
}
