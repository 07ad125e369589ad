import type { CanonicalOptions, CanonicalRequest, JsonObject } from '../items/canonical.js';
import type { ResponsesRequest } from '../protocol/responses/types.js';
import { responsesTextFormatToCanonical } from './response-format.js';
import { responsesInputToItems } from './responses-input-to-items.js';
import { responsesToolChoiceToCanonical } from './tool-choice.js';
import { responsesToolsToCanonical } from './tools.js';

/** Responses fields that map onto canonical fields; everything else goes to `extra`. */
const MAPPED = new Set([
  'model',
  'input',
  'instructions',
  'tools',
  'tool_choice',
  'parallel_tool_calls',
  'previous_response_id',
  'store',
  'stream',
  'stream_options',
  'max_output_tokens',
  'metadata',
  'temperature',
  'top_p',
  'user',
  'service_tier',
  'prompt_cache_key',
  'safety_identifier',
]);

function isRecord(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function responsesOptions(request: ResponsesRequest): CanonicalOptions {
  const options: CanonicalOptions = {};
  if (typeof request.temperature === 'number' || request.temperature === null)
    options.temperature = request.temperature;
  if (typeof request.top_p === 'number' || request.top_p === null) options.topP = request.top_p;
  if (typeof request.user === 'string' || request.user === null) options.user = request.user;
  for (const [field, key] of [
    ['service_tier', 'serviceTier'],
    ['prompt_cache_key', 'promptCacheKey'],
    ['safety_identifier', 'safetyIdentifier'],
  ] as const) {
    const value = request[field];
    if (typeof value === 'string' || value === null) options[key] = value;
  }
  const reasoning = request['reasoning'];
  if (isRecord(reasoning) && (typeof reasoning['effort'] === 'string' || reasoning['effort'] === null)) {
    options.reasoningEffort = reasoning['effort'];
  }
  const text = request['text'];
  if (isRecord(text)) {
    const format = responsesTextFormatToCanonical(text['format']);
    if (format) options.responseFormat = format;
  }
  return options;
}

function extraOf(request: ResponsesRequest): JsonObject {
  const extra: JsonObject = {};
  for (const [key, value] of Object.entries(request)) if (!MAPPED.has(key)) extra[key] = value;
  // `reasoning.effort` and `text.format` are mapped; their siblings (summary, verbosity) stay Responses-only.
  if (isRecord(extra['reasoning'])) {
    const { effort: _effort, ...rest } = extra['reasoning'];
    if (Object.keys(rest).length > 0) extra['reasoning'] = rest;
    else delete extra['reasoning'];
  }
  if (isRecord(extra['text'])) {
    const { format: _format, ...rest } = extra['text'];
    if (Object.keys(rest).length > 0) extra['text'] = rest;
    else delete extra['text'];
  }
  return extra;
}

/** A validated Responses request → canonical. Unmapped fields go to `extra` (same-format relays keep them). */
export function responsesRequestToCanonical(request: ResponsesRequest): CanonicalRequest {
  const extraFields = extraOf(request);
  return {
    model: request.model,
    instructions: typeof request.instructions === 'string' ? request.instructions : null,
    items: responsesInputToItems(request.input),
    tools: responsesToolsToCanonical(request.tools ?? []),
    toolChoice:
      request.tool_choice !== undefined ? responsesToolChoiceToCanonical(request.tool_choice) : null,
    parallelToolCalls: typeof request.parallel_tool_calls === 'boolean' ? request.parallel_tool_calls : null,
    stream: request.stream === true,
    includeUsage: true,
    maxOutputTokens: typeof request.max_output_tokens === 'number' ? request.max_output_tokens : null,
    previousResponseId:
      typeof request.previous_response_id === 'string' ? request.previous_response_id : null,
    store: typeof request.store === 'boolean' ? request.store : null,
    metadata: request.metadata ?? null,
    options: responsesOptions(request),
    extra: Object.keys(extraFields).length > 0 ? { format: 'responses', fields: extraFields } : null,
  };
}
