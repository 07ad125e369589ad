import type { RequestValidationOptions, ToolListMemo, ValidationResult } from '@toolbridge/core';
import type { RequestContext } from '../http/request-context.js';
import { parseModelRequest } from '../pipeline/tool-set-facts.js';
import { baseHeaders } from './base-headers.js';
import type { GatewayDeps } from './gateway-deps.js';
import { parseJsonText, readJsonText } from './read-json-body.js';
import { sendValidationError } from './send-validation-error.js';

/** An endpoint's request validator (`validateChatRequest`, `validateResponsesRequest`). */
type Validate<T> = (
  body: unknown,
  options: RequestValidationOptions,
  memo?: ToolListMemo,
) => ValidationResult<T>;

/**
 * Reads and validates a model request for either endpoint, with its tool set's parsed tools and tools
 * checks kept across requests (docs/adr/0011-tool-set-cache.md). Answers a validation failure itself
 * (400) and returns null; otherwise the valid request.
 */
export async function readModelRequest<T>(
  context: RequestContext,
  deps: GatewayDeps,
  validate: Validate<T>,
): Promise<T | null> {
  const text = await readJsonText(context, deps.config.maxBodyBytes);
  const { body, toolSet } = parseModelRequest(deps.toolSets, text, parseJsonText);
  const validation = validate(body, { maxToolNameLength: deps.config.maxToolNameLength }, toolSet?.toolList);
  if (!validation.ok) {
    sendValidationError(context, validation.issues, baseHeaders(context));
    return null;
  }
  return validation.value;
}
