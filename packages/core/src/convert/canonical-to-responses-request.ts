import type { CanonicalRequest, JsonObject } from '../items/canonical.js';
import { withFields } from '../json/with-fields.js';
import type { ResponsesRequest } from '../protocol/responses/types.js';
import type { Adjustments } from './content-parts.js';
import { itemsToResponsesInput } from './items-to-responses-input.js';
import { canonicalResponseFormatToResponses } from './response-format.js';
import { canonicalToolChoiceToResponses } from './tool-choice.js';
import { canonicalToolToResponses } from './tools.js';

const MIN_OUTPUT_TOKENS = 16;

function isRecord(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function extraFields(request: CanonicalRequest, adjustments: Adjustments): JsonObject {
  if (!request.extra) return {};
  if (request.extra.format === 'responses') return { ...request.extra.fields };
  const dropped = Object.keys(request.extra.fields);
  if (dropped.length > 0) adjustments.push(`dropped Chat-only parameters: ${dropped.join(', ')}`);
  return {};
}

function applyOptions(out: ResponsesRequest, request: CanonicalRequest): void {
  const { options } = request;
  if (options.temperature !== undefined) out.temperature = options.temperature;
  if (options.topP !== undefined) out.top_p = options.topP;
  if (options.user !== undefined) out.user = options.user;
  if (options.serviceTier !== undefined) out['service_tier'] = options.serviceTier;
  if (options.promptCacheKey !== undefined) out['prompt_cache_key'] = options.promptCacheKey;
  if (options.safetyIdentifier !== undefined) out['safety_identifier'] = options.safetyIdentifier;
  if (options.reasoningEffort !== undefined) {
    out['reasoning'] = withFields(isRecord(out['reasoning']) ? out['reasoning'] : {}, {
      effort: options.reasoningEffort,
    });
  }
  if (options.responseFormat !== undefined) {
    out['text'] = withFields(isRecord(out['text']) ? out['text'] : {}, {
      format: canonicalResponseFormatToResponses(options.responseFormat),
    });
  }
}

/**
 * Canonical → Responses request. `previous_response_id` is passed only if the canonical request still
 * carries one (the gateway resolves chains itself and clears it); Chat-only fields are dropped and listed.
 */
export function canonicalToResponsesRequest(request: CanonicalRequest): {
  request: ResponsesRequest;
  adjustments: Adjustments;
} {
  const adjustments: Adjustments = [];
  const out: ResponsesRequest = withFields(extraFields(request, adjustments), {
    model: request.model,
    input: itemsToResponsesInput(request.items, adjustments),
  });
  if (request.instructions !== null) out.instructions = request.instructions;
  if (request.tools.length > 0) out.tools = request.tools.map(canonicalToolToResponses);
  if (request.toolChoice !== null) out.tool_choice = canonicalToolChoiceToResponses(request.toolChoice);
  if (request.parallelToolCalls !== null && request.tools.length > 0) {
    out.parallel_tool_calls = request.parallelToolCalls;
  }
  if (request.previousResponseId !== null) out.previous_response_id = request.previousResponseId;
  if (request.stream) out.stream = true;
  if (request.maxOutputTokens !== null) {
    // Responses rejects max_output_tokens below 16 (docs/protocol/responses.md#request-body); a Chat client
    // may legally ask for fewer.
    if (request.maxOutputTokens < MIN_OUTPUT_TOKENS) {
      adjustments.push(
        `raised max_output_tokens from ${request.maxOutputTokens} to ${MIN_OUTPUT_TOKENS} (Responses minimum)`,
      );
    }
    out.max_output_tokens = Math.max(request.maxOutputTokens, MIN_OUTPUT_TOKENS);
  }
  if (request.store !== null) out.store = request.store;
  if (request.metadata !== null) out.metadata = request.metadata;
  applyOptions(out, request);
  return { request: out, adjustments };
}
