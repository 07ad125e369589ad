import { getOwn, isJsonObject } from '@toolbridge/core';
import { type AnswerView, type ApiAdapter, stringField } from './api-adapter.js';
import type { NormalizedCall } from './step-result.js';

const TERMINAL = new Set(['response.completed', 'response.incomplete', 'response.failed']);

function outputOf(body: unknown): unknown[] {
  const output = isJsonObject(body) ? getOwn(body, 'output') : undefined;
  return Array.isArray(output) ? output : [];
}

function messageText(item: Record<string, unknown>): string {
  const content = getOwn(item, 'content');
  return (Array.isArray(content) ? content : [])
    .map((part) => (stringField(part, 'type') === 'output_text' ? (stringField(part, 'text') ?? '') : ''))
    .join('');
}

/** Accumulates calls by their events (docs/protocol/responses.md#streaming): announced, then deltas by item id. */
function streamCalls(events: readonly unknown[]): NormalizedCall[] {
  const slots = new Map<string, NormalizedCall>();
  for (const event of events) {
    const type = stringField(event, 'type');
    if (!isJsonObject(event)) continue;
    if (type === 'response.output_item.added') {
      const item = getOwn(event, 'item');
      const itemId = stringField(item, 'id');
      if (stringField(item, 'type') !== 'function_call' || itemId === null) continue;
      slots.set(itemId, {
        index: slots.size,
        id: stringField(item, 'call_id'),
        itemId,
        name: stringField(item, 'name'),
        arguments: '',
      });
    } else if (type === 'response.function_call_arguments.delta') {
      const itemId = stringField(event, 'item_id') ?? '';
      const slot = slots.get(itemId) ?? { index: slots.size, id: null, itemId, name: null, arguments: '' };
      slot.arguments += stringField(event, 'delta') ?? '';
      slots.set(itemId, slot);
    }
  }
  return [...slots.values()];
}

/** Responses (`POST /responses`): calls are `function_call` output items, paired by `call_id`. */
export const responsesAdapter: ApiAdapter = {
  id: 'responses',
  title: 'Responses',
  readBody(body): AnswerView {
    const items = outputOf(body).filter(isJsonObject);
    const calls = items
      .filter((item) => stringField(item, 'type') === 'function_call')
      .map(
        (item, index): NormalizedCall => ({
          index,
          id: stringField(item, 'call_id'),
          itemId: stringField(item, 'id'),
          name: stringField(item, 'name'),
          arguments: stringField(item, 'arguments') ?? '',
        }),
      );
    const texts = items.filter((item) => stringField(item, 'type') === 'message').map(messageText);
    return { calls, outputText: texts.length > 0 ? texts.join('') : null };
  },
  readStream(events) {
    let body: unknown = null;
    let text: string | null = null;
    for (const event of events) {
      const type = stringField(event, 'type');
      if (type !== null && TERMINAL.has(type) && isJsonObject(event))
        body = getOwn(event, 'response') ?? null;
      if (type === 'response.output_text.delta') text = (text ?? '') + (stringField(event, 'delta') ?? '');
    }
    return { body, calls: streamCalls(events), outputText: text };
  },
};
