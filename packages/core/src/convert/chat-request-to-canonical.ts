import type { CanonicalOptions, CanonicalRequest, JsonObject } from '../items/canonical.js';
import type { ChatCompletionRequest } from '../protocol/chat/types.js';
import { chatMessagesToItems } from './chat-messages-to-items.js';
import { chatResponseFormatToCanonical } from './response-format.js';
import { chatToolChoiceToCanonical } from './tool-choice.js';
import { chatToolsToCanonical } from './tools.js';

/** Chat fields that map onto canonical fields; every other field is kept in `extra`. */
const MAPPED = new Set([
  'model',
  'messages',
  'tools',
  'tool_choice',
  'parallel_tool_calls',
  'stream',
  'stream_options',
  'max_tokens',
  'max_completion_tokens',
  'store',
  'metadata',
  'temperature',
  'top_p',
  'user',
  'service_tier',
  'reasoning_effort',
  'response_format',
  'prompt_cache_key',
  'safety_identifier',
]);

function nullableNumber(value: unknown): number | null | undefined {
  return typeof value === 'number' || value === null ? value : undefined;
}
function nullableString(value: unknown): string | null | undefined {
  return typeof value === 'string' || value === null ? value : undefined;
}

function chatOptions(request: ChatCompletionRequest): CanonicalOptions {
  const options: CanonicalOptions = {};
  const temperature = nullableNumber(request.temperature);
  if (temperature !== undefined) options.temperature = temperature;
  const topP = nullableNumber(request.top_p);
  if (topP !== undefined) options.topP = topP;
  const user = nullableString(request.user);
  if (user !== undefined) options.user = user;
  const tier = nullableString(request['service_tier']);
  if (tier !== undefined) options.serviceTier = tier;
  const effort = nullableString(request['reasoning_effort']);
  if (effort !== undefined) options.reasoningEffort = effort;
  const cacheKey = nullableString(request['prompt_cache_key']);
  if (cacheKey !== undefined) options.promptCacheKey = cacheKey;
  const safety = nullableString(request['safety_identifier']);
  if (safety !== undefined) options.safetyIdentifier = safety;
  const format = chatResponseFormatToCanonical(request['response_format']);
  if (format) options.responseFormat = format;
  return options;
}

/** A validated Chat Completions request → canonical. Nothing is dropped: unmapped fields go to `extra`. */
export function chatRequestToCanonical(request: ChatCompletionRequest): CanonicalRequest {
  const extraFields: JsonObject = {};
  for (const [key, value] of Object.entries(request)) if (!MAPPED.has(key)) extraFields[key] = value;
  return {
    model: request.model,
    instructions: null,
    items: chatMessagesToItems(request.messages),
    tools: chatToolsToCanonical(request.tools ?? []),
    toolChoice: request.tool_choice !== undefined ? chatToolChoiceToCanonical(request.tool_choice) : null,
    parallelToolCalls: typeof request.parallel_tool_calls === 'boolean' ? request.parallel_tool_calls : null,
    stream: request.stream === true,
    includeUsage: request.stream_options?.include_usage === true,
    maxOutputTokens: request.max_completion_tokens ?? request.max_tokens ?? null,
    previousResponseId: null,
    store: typeof request.store === 'boolean' ? request.store : null,
    metadata: request.metadata ?? null,
    options: chatOptions(request),
    extra: Object.keys(extraFields).length > 0 ? { format: 'chat', fields: extraFields } : null,
  };
}
