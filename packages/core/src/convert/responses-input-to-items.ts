import type { CanonicalItem, CanonicalItemStatus, CanonicalMessage, JsonObject } from '../items/canonical.js';
import type { ResponsesContentPart, ResponsesInputItem } from '../protocol/responses/types.js';
import { responsesPartToCanonical } from './content-parts.js';
import { interpretedFields, passthroughOf, withPassthrough } from './passthrough.js';
import { providerStateFields } from './provider-state-fields.js';

function status(value: unknown): CanonicalItemStatus | undefined {
  return value === 'in_progress' || value === 'completed' || value === 'incomplete' ? value : undefined;
}

function withOptional<T extends object>(target: T, id: unknown, itemStatus: unknown): T {
  if (typeof id === 'string') Object.assign(target, { id });
  const resolved = status(itemStatus);
  if (resolved) Object.assign(target, { status: resolved });
  return target;
}

/** One Responses input item (validated) → canonical. Output-shaped items echoed by SDKs are accepted. */
export function responsesItemToCanonical(item: ResponsesInputItem): CanonicalItem {
  const type = (item as { type?: string }).type;
  if (type === 'function_call') {
    const call = item as Extract<ResponsesInputItem, { type: 'function_call' }>;
    const providerState = providerStateFields.fromResponsesItem(item as JsonObject);
    return withOptional(
      {
        type: 'function_call',
        callId: call.call_id,
        name: call.name,
        arguments: call.arguments,
        ...(providerState !== undefined ? { providerState } : {}),
        ...withPassthrough(passthroughOf(call, interpretedFields.functionCall)),
      },
      call.id,
      call.status,
    );
  }
  if (type === 'function_call_output') {
    const result = item as Extract<ResponsesInputItem, { type: 'function_call_output' }>;
    const output =
      typeof result.output === 'string'
        ? result.output
        : result.output.map((part) => responsesPartToCanonical(part as ResponsesContentPart));
    return withOptional(
      {
        type: 'function_call_output',
        callId: result.call_id,
        output,
        ...withPassthrough(passthroughOf(result, interpretedFields.functionCallOutput)),
      },
      result.id,
      result.status,
    );
  }
  if (type === 'reasoning') {
    const raw = item as JsonObject;
    return typeof raw['id'] === 'string'
      ? { type: 'reasoning', id: raw['id'], raw }
      : { type: 'reasoning', raw };
  }
  if (type === 'compaction') {
    const raw = item as JsonObject;
    return typeof raw['id'] === 'string'
      ? { type: 'opaque', id: raw['id'], source: 'responses', raw }
      : { type: 'opaque', source: 'responses', raw };
  }
  if (type === 'item_reference' || (type === undefined && !('role' in item))) {
    return { type: 'item_reference', id: (item as { id: string }).id };
  }
  const message = item as Extract<ResponsesInputItem, { role: string }>;
  const content =
    typeof message.content === 'string' ? message.content : message.content.map(responsesPartToCanonical);
  return withOptional<CanonicalMessage>(
    {
      type: 'message',
      role: message.role,
      content,
      ...withPassthrough(passthroughOf(message, interpretedFields.message)),
    },
    message.id,
    message.status,
  );
}

/** Responses `input` (a string or items) → canonical items; a string is one user message. */
export function responsesInputToItems(
  input: string | readonly ResponsesInputItem[] | undefined,
): CanonicalItem[] {
  if (input === undefined) return [];
  if (typeof input === 'string') return [{ type: 'message', role: 'user', content: input }];
  return input.map(responsesItemToCanonical);
}
