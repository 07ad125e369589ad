import type { CanonicalRequest, JsonObject } from '../items/canonical.js';
import { withFields } from '../json/with-fields.js';
import type { ChatCompletionRequest, ChatMessage } from '../protocol/chat/types.js';
import type { ChatReasoningField } from './chat-reasoning.js';
import type { Adjustments } from './content-parts.js';
import { itemsToChatMessages } from './items-to-chat-messages.js';
import { canonicalResponseFormatToChat } from './response-format.js';
import { canonicalToolChoiceToChat } from './tool-choice.js';
import { canonicalToolsToChat } from './tools.js';

export interface CanonicalToChatRequestOptions {
  /** Which field carries the output limit; older OpenAI-compatible servers only know `max_tokens`. */
  maxTokensField?: 'max_completion_tokens' | 'max_tokens';
  /** Ask for the usage chunk on streams even if the client did not (the gateway wants usage for logs). */
  forceIncludeUsage?: boolean;
  /** Where the upstream reads reasoning text back on an assistant message (default `reasoning_content`). */
  reasoningField?: ChatReasoningField;
}

function optionFields(request: CanonicalRequest): JsonObject {
  const { options } = request;
  const out: JsonObject = {};
  if (options.temperature !== undefined) out['temperature'] = options.temperature;
  if (options.topP !== undefined) out['top_p'] = options.topP;
  if (options.user !== undefined && options.user !== null) out['user'] = options.user;
  if (options.serviceTier !== undefined) out['service_tier'] = options.serviceTier;
  if (options.reasoningEffort !== undefined) out['reasoning_effort'] = options.reasoningEffort;
  if (options.promptCacheKey !== undefined) out['prompt_cache_key'] = options.promptCacheKey;
  if (options.safetyIdentifier !== undefined) out['safety_identifier'] = options.safetyIdentifier;
  if (options.responseFormat !== undefined)
    out['response_format'] = canonicalResponseFormatToChat(options.responseFormat);
  return out;
}

/** Responses parameters that Chat Completions has under the same name and meaning. */
const SHARED_WITH_CHAT = new Set(['presence_penalty', 'frequency_penalty']);
/** The Responses `include` value that asks for token log probabilities: Chat's `logprobs: true`. */
const LOGPROBS_INCLUDE = 'message.output_text.logprobs';

function extraFields(request: CanonicalRequest, adjustments: Adjustments): JsonObject {
  if (!request.extra) return {};
  if (request.extra.format === 'chat') return request.extra.fields;
  const kept: JsonObject = {};
  const dropped: string[] = [];
  const { include } = request.extra.fields;
  const logprobs = Array.isArray(include) && include.includes(LOGPROBS_INCLUDE);
  for (const [key, value] of Object.entries(request.extra.fields)) {
    if (SHARED_WITH_CHAT.has(key)) kept[key] = value;
    else if (key === 'include' && logprobs) {
      kept['logprobs'] = true;
      // What else it asks for (encrypted reasoning, sources…) a Chat upstream cannot give.
      if ((value as unknown[]).some((entry) => entry !== LOGPROBS_INCLUDE)) dropped.push(key);
    } else if (key === 'top_logprobs' && logprobs) kept[key] = value;
    else dropped.push(key);
  }
  if (dropped.length > 0) adjustments.push(`dropped Responses-only parameters: ${dropped.join(', ')}`);
  return kept;
}

/**
 * Canonical → Chat Completions request. Responses `instructions` become a leading system message;
 * fields with no Chat equivalent are dropped and listed in `adjustments`.
 */
export function canonicalToChatRequest(
  request: CanonicalRequest,
  {
    maxTokensField = 'max_completion_tokens',
    forceIncludeUsage = false,
    reasoningField = 'reasoning_content',
  }: CanonicalToChatRequestOptions = {},
): { request: ChatCompletionRequest; adjustments: Adjustments } {
  const adjustments: Adjustments = [];
  const messages: ChatMessage[] = itemsToChatMessages(request.items, adjustments, reasoningField);
  if (request.instructions !== null) messages.unshift({ role: 'system', content: request.instructions });
  const out: ChatCompletionRequest = withFields(extraFields(request, adjustments), {
    model: request.model,
    messages,
  });
  if (request.tools.length > 0) out.tools = canonicalToolsToChat(request.tools);
  if (request.toolChoice !== null) out.tool_choice = canonicalToolChoiceToChat(request.toolChoice);
  if (request.parallelToolCalls !== null && request.tools.length > 0) {
    out.parallel_tool_calls = request.parallelToolCalls;
  }
  if (request.stream) {
    out.stream = true;
    if (request.includeUsage || forceIncludeUsage) out.stream_options = { include_usage: true };
  }
  if (request.maxOutputTokens !== null) out[maxTokensField] = request.maxOutputTokens;
  if (request.store !== null) out.store = request.store;
  if (request.metadata !== null) out.metadata = request.metadata;
  Object.assign(out, optionFields(request));
  return { request: out, adjustments };
}
