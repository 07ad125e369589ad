import type { CanonicalItem, CanonicalResponse, JsonObject } from '../items/canonical.js';
import { withFields } from '../json/with-fields.js';
import { ids } from '../protocol/ids.js';
import type {
  OutputTextPart,
  RefusalPart,
  ResponseObject,
  ResponsesOutputItem,
  ResponsesRequest,
} from '../protocol/responses/types.js';
import { providerStateFields } from './provider-state-fields.js';
import { canonicalUsageToResponses } from './usage.js';

export interface ResponseSkeletonOptions {
  id: string;
  createdAt: number;
  /**
   * The client's validated Responses request: the Response echoes its fields
   * (docs/protocol/responses.md#response-object).
   */
  request: ResponsesRequest;
  /**
   * The tools as echoed: `strict` resolved to a boolean, `description`/`parameters` present
   * (docs/protocol/tools.md#responses-flat-tools).
   */
  tools: ResponseObject['tools'];
  /** The model name to report; defaults to the request's. */
  model?: string;
}

function isRecord(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function pick<T>(value: unknown, fallback: T): T {
  return value === undefined ? fallback : (value as T);
}

/** A sampling number as it was used: the request's, or the API default when absent or `null`. */
function numberOr(value: unknown, fallback: number): number {
  return typeof value === 'number' ? value : fallback;
}

/** The in-progress Response object sent with `response.created`: echo fields set, `output` empty, `usage` null. */
export function buildResponseSkeleton({
  id,
  createdAt,
  request,
  tools,
  model,
}: ResponseSkeletonOptions): ResponseObject {
  const reasoning = isRecord(request['reasoning']) ? request['reasoning'] : {};
  const text = isRecord(request['text']) ? request['text'] : {};
  return {
    id,
    object: 'response',
    created_at: createdAt,
    completed_at: null,
    status: 'in_progress',
    background: false,
    error: null,
    incomplete_details: null,
    instructions: typeof request.instructions === 'string' ? request.instructions : null,
    max_output_tokens: pick(request.max_output_tokens, null),
    max_tool_calls: pick(request['max_tool_calls'], null),
    model: model ?? request.model,
    output: [],
    parallel_tool_calls: request.parallel_tool_calls ?? true,
    previous_response_id: pick(request.previous_response_id, null),
    prompt_cache_key: pick(request['prompt_cache_key'], null),
    reasoning: { effort: pick(reasoning['effort'], null), summary: pick(reasoning['summary'], null) },
    safety_identifier: pick(request['safety_identifier'], null),
    service_tier: typeof request['service_tier'] === 'string' ? request['service_tier'] : 'auto',
    store: request.store ?? true,
    // Sampling fields report the value used, never null (docs/open-responses.md#response-object).
    temperature: numberOr(request.temperature, 1),
    presence_penalty: numberOr(request['presence_penalty'], 0),
    frequency_penalty: numberOr(request['frequency_penalty'], 0),
    text: { format: { type: 'text' }, verbosity: 'medium', ...text },
    tool_choice: request.tool_choice ?? 'auto',
    tools,
    top_logprobs: numberOr(request['top_logprobs'], 0),
    top_p: numberOr(request.top_p, 1),
    truncation: request['truncation'] === 'auto' ? 'auto' : 'disabled',
    usage: null,
    user: pick(request.user, null),
    metadata: request.metadata ?? {},
  };
}

/**
 * A canonical output item → a Response output item, assigning `msg_`/`fc_` ids where missing. Fields the
 * gateway does not interpret (a message's `phase`, a part's `annotations`) come back as the upstream sent
 * them (docs/open-responses.md#nothing-lost).
 */
export function canonicalItemToOutputItem(item: CanonicalItem): ResponsesOutputItem | null {
  switch (item.type) {
    case 'message': {
      const parts =
        typeof item.content === 'string' ? [{ type: 'text' as const, text: item.content }] : item.content;
      const content: Array<OutputTextPart | RefusalPart> = [];
      for (const part of parts) {
        if (part.type === 'text')
          content.push({
            type: 'output_text',
            annotations: [],
            logprobs: [],
            ...part.passthrough,
            text: part.text,
          });
        else if (part.type === 'refusal')
          content.push(withFields(part.passthrough, { type: 'refusal', refusal: part.refusal }));
      }
      return withFields(item.passthrough, {
        type: 'message',
        id: item.id ?? ids.message(),
        role: 'assistant',
        status: item.status ?? 'completed',
        content,
      }) as ResponsesOutputItem;
    }
    case 'function_call':
      return withFields(item.passthrough, {
        type: 'function_call',
        id: item.id ?? ids.functionCall(),
        call_id: item.callId,
        name: item.name,
        arguments: item.arguments,
        status: item.status ?? 'completed',
        ...providerStateFields.responsesExtra(item.providerState),
      }) as ResponsesOutputItem;
    case 'reasoning':
      return withFields(item.raw, { type: 'reasoning' }) as ResponsesOutputItem;
    case 'opaque':
      return item.raw as ResponsesOutputItem;
    default:
      return null;
  }
}

/**
 * A final Response's `service_tier`, as OpenAI reports it: the tier that served the turn when the
 * upstream said (a Chat upstream does), else the requested one, `auto` being served as `default`.
 */
export function servedTier(requested: string | null, upstream: string | null | undefined): string | null {
  if (typeof upstream === 'string') return upstream;
  return requested === 'auto' ? 'default' : requested;
}

/** Completes a skeleton with a canonical result: output items, status, incomplete details and usage. */
export function completeResponseObject(
  skeleton: ResponseObject,
  response: CanonicalResponse,
): ResponseObject {
  const output: ResponsesOutputItem[] = [];
  for (const item of response.output) {
    const converted = canonicalItemToOutputItem(item);
    if (converted) output.push(converted);
  }
  addChatLogprobs(output, response.logprobs);
  const incomplete = response.finishReason === 'length' || response.finishReason === 'content_filter';
  return withFields(skeleton, {
    service_tier: servedTier(skeleton.service_tier, response.serviceTier),
    completed_at: incomplete ? null : Math.floor(Date.now() / 1000),
    ...response.responseFields,
    model: response.model || skeleton.model,
    status: incomplete ? 'incomplete' : 'completed',
    incomplete_details: incomplete
      ? { reason: response.finishReason === 'length' ? 'max_output_tokens' : 'content_filter' }
      : null,
    output,
    usage: response.usage ? canonicalUsageToResponses(response.usage) : null,
  });
}

/**
 * A Chat upstream's token log probabilities (asked for with `include: ["message.output_text.logprobs"]`)
 * as the `logprobs` of the answer's text part, where OpenAI's Responses puts them. A Chat answer has one
 * message with one text part; a part that already has tokens (a Responses upstream's) keeps them.
 */
function addChatLogprobs(output: ResponsesOutputItem[], logprobs: JsonObject | undefined): void {
  const tokens = logprobs?.['content'];
  if (!Array.isArray(tokens) || tokens.length === 0) return;
  for (const item of output) {
    if (item.type !== 'message') continue;
    const part = item.content.find((entry) => entry.type === 'output_text');
    if (part !== undefined && (part.logprobs?.length ?? 0) === 0) part.logprobs = tokens;
    return;
  }
}
