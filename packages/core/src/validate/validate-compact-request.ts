import { getOwn, isJsonObject } from '../json/get-own.js';
import type { ResponsesInputItem } from '../protocol/responses/types.js';
import { checkModel } from './check-model.js';
import { checkPreviousResponseId } from './check-previous-response-id.js';
import { checkResponsesInput } from './check-responses-input.js';
import { checkResponsesInputPairing } from './check-responses-input-pairing.js';
import { checkScalarParameters } from './check-scalar-parameters.js';
import { checkUnknownParameters } from './check-unknown-parameters.js';
import type { ValidationIssue } from './issue.js';
import type { ParameterTable } from './parameter-table.js';
import { requestBodyIssue } from './request-body-issue.js';
import {
  type RequestValidationOptions,
  resolveRequestValidationOptions,
} from './request-validation-options.js';
import type { ValidationResult } from './validation-result.js';

/** A validated `POST /v1/responses/compact` body (docs/open-responses.md#compaction). */
export interface CompactRequest {
  model: string;
  input?: string | ResponsesInputItem[] | null;
  previous_response_id?: string | null;
  instructions?: string | null;
  prompt_cache_key?: string | null;
}

/** The compact endpoint's parameters: `ResponseCompactParams` of the `openai` SDK v6.49. */
const compactParameterTable: ParameterTable = {
  known: new Set(['model', 'input', 'previous_response_id', 'instructions', 'prompt_cache_key']),
  rules: [
    { key: 'instructions', kind: 'string', nullable: true },
    { key: 'prompt_cache_key', kind: 'string', nullable: true },
  ],
  foreignHints: {},
};

/**
 * Validates a compact body with the create endpoint's rules for the fields they share: `model` is required
 * (a missing one is a 400), `input` items and their pairing as in `POST /v1/responses`, unknown parameters
 * rejected.
 */
export function validateCompactRequest(
  body: unknown,
  options?: RequestValidationOptions,
): ValidationResult<CompactRequest> {
  if (!isJsonObject(body)) return { ok: false, issues: [requestBodyIssue(body)] };
  const validation = resolveRequestValidationOptions(options);
  const input = getOwn(body, 'input');
  const inputIssues = input === null ? [] : checkResponsesInput(input, validation.maxToolNameLength);
  const issues: ValidationIssue[] = [
    ...checkModel(body),
    ...checkUnknownParameters(body, compactParameterTable),
    ...inputIssues,
    ...checkScalarParameters(body, compactParameterTable.rules),
    ...checkPreviousResponseId(body),
  ];
  if (Array.isArray(input) && inputIssues.length === 0) {
    const pairing = checkResponsesInputPairing({ prior: [], input });
    const chained =
      getOwn(body, 'previous_response_id') !== undefined && getOwn(body, 'previous_response_id') !== null;
    issues.push(...(chained ? pairing.filter((issue) => issue.code !== 'orphan_tool_output') : pairing));
  }
  return issues.length > 0 ? { ok: false, issues } : { ok: true, value: body as unknown as CompactRequest };
}
