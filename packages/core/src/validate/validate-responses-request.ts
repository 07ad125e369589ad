import { getOwn, isJsonObject } from '../json/get-own.js';
import type { ResponsesRequest } from '../protocol/responses/types.js';
import { checkMetadata } from './check-metadata.js';
import { checkModel } from './check-model.js';
import { checkPreviousResponseId } from './check-previous-response-id.js';
import { checkResponsesInput } from './check-responses-input.js';
import { checkResponsesInputPairing } from './check-responses-input-pairing.js';
import { checkResponsesToolChoice } from './check-responses-tool-choice.js';
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
import { responsesParameterTable } from './responses-parameter-table.js';
import type { ValidationResult } from './validation-result.js';

/**
 * Validates a `POST /v1/responses` body as OpenAI would, collecting every issue in report order:
 * model, unknown parameters, input, tools, tool_choice, plain parameters, metadata,
 * previous_response_id, parameters that need another, tool_choice names, then pairing of an
 * input array (E13–E15) once it is well-formed.
 * `toolListMemo` keeps the tools checks of one tool set across requests (see `ToolSetCache`).
 */
export function validateResponsesRequest(
  body: unknown,
  options?: RequestValidationOptions,
  toolListMemo?: ToolListMemo,
): ValidationResult<ResponsesRequest> {
  if (!isJsonObject(body)) return { ok: false, issues: [requestBodyIssue(body)] };
  const validation = resolveRequestValidationOptions(options);
  const issues: ValidationIssue[] = [...checkModel(body)];
  if (!validation.allowUnknownParameters) {
    issues.push(...checkUnknownParameters(body, responsesParameterTable));
  }
  const input = getOwn(body, 'input');
  const inputIssues = checkResponsesInput(input, validation.maxToolNameLength);
  const tools = checkToolListOnce(
    { tools: getOwn(body, 'tools'), endpoint: 'responses', validation },
    toolListMemo,
  );
  const toolChoice = checkResponsesToolChoice(getOwn(body, 'tool_choice'), validation.maxTools);
  issues.push(
    ...inputIssues,
    ...tools.issues,
    ...toolChoice.issues,
    ...checkScalarParameters(body, responsesParameterTable.rules),
    ...checkMetadata(getOwn(body, 'metadata')),
    ...checkPreviousResponseId(body),
    ...checkToolPrerequisites(body),
  );
  if (tools.names !== undefined) issues.push(...checkToolReferences(toolChoice.references, tools.names));
  if (Array.isArray(input) && inputIssues.length === 0) {
    issues.push(...checkSelfContainedPairing(body, input));
  }
  // No issue means every field read above matches `ResponsesRequest`.
  return issues.length > 0 ? { ok: false, issues } : { ok: true, value: body as ResponsesRequest };
}

/**
 * Pairing with `prior = []`. When the request continues a chain (`previous_response_id` or
 * `conversation`), an output may answer a call this body cannot see, so E14 is left to the
 * gateway, which calls `checkResponsesInputPairing` again with the chain it loads.
 */
function checkSelfContainedPairing(
  body: Readonly<Record<string, unknown>>,
  input: unknown[],
): ValidationIssue[] {
  const issues = checkResponsesInputPairing({ prior: [], input });
  const chained = [getOwn(body, 'previous_response_id'), getOwn(body, 'conversation')].some(
    (value) => value !== undefined && value !== null,
  );
  return chained ? issues.filter((issue) => issue.code !== 'orphan_tool_output') : issues;
}
