import { ids, isJsonObject, type ResponsesInputItem, withFields } from '@toolbridge/core';

/**
 * One input item in resource form, as stored and as `input_items` lists it
 * (docs/protocol/responses.md#list-input-items): every item has an `id` (assigned when the client sent none)
 * and a `status`; a string message content becomes parts.
 */
export function toInputResource(item: ResponsesInputItem): ResponsesInputItem {
  const record = item as Record<string, unknown>;
  const type = typeof record['type'] === 'string' ? record['type'] : 'message';
  if (type === 'function_call') {
    return withFields(record, {
      id: typeof record['id'] === 'string' ? record['id'] : ids.functionCall(),
      status: record['status'] ?? 'completed',
    }) as ResponsesInputItem;
  }
  if (type === 'function_call_output') {
    return withFields(record, {
      id: typeof record['id'] === 'string' ? record['id'] : ids.functionCallOutput(),
      status: record['status'] ?? 'completed',
    }) as ResponsesInputItem;
  }
  if (type !== 'message')
    return withFields(record, {
      id: typeof record['id'] === 'string' ? record['id'] : `item_${ids.message().slice(4)}`,
    }) as ResponsesInputItem;
  const role = record['role'];
  const content = record['content'];
  const parts =
    typeof content === 'string'
      ? [
          role === 'assistant'
            ? { type: 'output_text', text: content, annotations: [] }
            : { type: 'input_text', text: content },
        ]
      : Array.isArray(content)
        ? content.filter(isJsonObject)
        : [];
  return withFields(record, {
    type: 'message',
    id: typeof record['id'] === 'string' ? record['id'] : ids.message(),
    role,
    content: parts,
    status: record['status'] ?? 'completed',
  }) as ResponsesInputItem;
}
