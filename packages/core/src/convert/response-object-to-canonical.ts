import type {
  CanonicalContentPart,
  CanonicalFinishReason,
  CanonicalItem,
  CanonicalResponse,
  JsonObject,
} from '../items/canonical.js';
import { withFields } from '../json/with-fields.js';
import type { ResponseObject } from '../protocol/responses/types.js';
import { responsesPartToCanonical } from './content-parts.js';
import { interpretedFields, passthroughOf, withPassthrough } from './passthrough.js';
import { pickUpstreamResponseFields } from './upstream-response-fields.js';
import { responsesUsageToCanonical } from './usage.js';

function outputItemToCanonical(item: JsonObject): CanonicalItem | null {
  const status =
    item['status'] === 'in_progress' || item['status'] === 'incomplete'
      ? item['status']
      : ('completed' as const);
  if (item['type'] === 'function_call') {
    return {
      type: 'function_call',
      ...(typeof item['id'] === 'string' ? { id: item['id'] } : {}),
      callId: String(item['call_id']),
      name: String(item['name']),
      arguments: typeof item['arguments'] === 'string' ? item['arguments'] : '',
      status,
      ...withPassthrough(passthroughOf(item, interpretedFields.functionCall)),
    };
  }
  if (item['type'] === 'message') {
    const content = Array.isArray(item['content']) ? item['content'] : [];
    const parts: CanonicalContentPart[] = content.map((part) => responsesPartToCanonical(part as never));
    return {
      type: 'message',
      role: 'assistant',
      ...(typeof item['id'] === 'string' ? { id: item['id'] } : {}),
      content: parts,
      status,
      ...withPassthrough(passthroughOf(item, interpretedFields.message)),
    };
  }
  if (item['type'] === 'reasoning') {
    return typeof item['id'] === 'string'
      ? { type: 'reasoning', id: item['id'], raw: item }
      : { type: 'reasoning', raw: item };
  }
  if (item['type'] === 'compaction') {
    return typeof item['id'] === 'string'
      ? { type: 'opaque', id: item['id'], source: 'responses', raw: item }
      : { type: 'opaque', source: 'responses', raw: item };
  }
  return null;
}

/** Derives the Chat-style finish reason a Response object implies. */
function finishReasonOf(response: ResponseObject, output: CanonicalItem[]): CanonicalFinishReason {
  if (response.status === 'incomplete') {
    return response.incomplete_details?.reason === 'content_filter' ? 'content_filter' : 'length';
  }
  return output.some((item) => item.type === 'function_call') ? 'tool_calls' : 'stop';
}

/**
 * A Response object (from a Responses upstream) → canonical; item ids are kept, and so are the fields the
 * gateway passes on (docs/open-responses.md#response-object).
 */
export function responseObjectToCanonical(response: ResponseObject): CanonicalResponse {
  const output: CanonicalItem[] = [];
  for (const item of response.output ?? []) {
    const converted = outputItemToCanonical(item as JsonObject);
    if (converted) output.push(converted);
  }
  const responseFields = pickUpstreamResponseFields(response);
  return withFields(responseFields !== undefined ? { responseFields } : {}, {
    id: response.id,
    model: response.model,
    createdAt: response.created_at,
    output,
    finishReason: finishReasonOf(response, output),
    usage: response.usage ? responsesUsageToCanonical(response.usage) : null,
    ...(response.service_tier !== undefined ? { serviceTier: response.service_tier } : {}),
  });
}
