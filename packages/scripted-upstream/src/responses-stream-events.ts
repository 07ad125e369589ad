import type { OutputFunctionCall, OutputMessage, ResponsesOutputItem } from '@toolbridge/core';
import { buildResponseObject, outputItems, type ResponseMeta } from './response-object.js';
import { splitFragments } from './split-fragments.js';
import type { TokenUsage } from './token-usage.js';
import type { Turn } from './turn.js';

/** A Responses stream event before its `sequence_number` is assigned. */
export interface ResponsesEventDraft {
  type: string;
  [key: string]: unknown;
}

/** How {@link buildResponsesEvents} shapes the stream. */
export interface ResponsesStreamOptions {
  fragments: number;
  /** Interleave the events of parallel calls instead of finishing one call before the next. */
  interleave: boolean;
  usage: TokenUsage | null;
  /** Non-conforming `#split-ids`: the added call item carries only the first half of its `call_id`. */
  splitIds?: boolean;
}

function messageEvents(item: OutputMessage, outputIndex: number, fragments: number): ResponsesEventDraft[] {
  const part = item.content[0];
  const text = part?.type === 'output_text' ? part.text : '';
  const at = { item_id: item.id, output_index: outputIndex, content_index: 0 };
  const empty = { type: 'output_text', annotations: [], logprobs: [], text: '' };
  return [
    {
      type: 'response.output_item.added',
      output_index: outputIndex,
      item: { ...item, status: 'in_progress', content: [] },
    },
    { type: 'response.content_part.added', ...at, part: empty },
    ...splitFragments(text, fragments).map((delta) => ({
      type: 'response.output_text.delta',
      ...at,
      delta,
      logprobs: [],
    })),
    { type: 'response.output_text.done', ...at, text, logprobs: [] },
    { type: 'response.content_part.done', ...at, part: { ...empty, text } },
    { type: 'response.output_item.done', output_index: outputIndex, item },
  ];
}

function callEvents(
  item: OutputFunctionCall,
  outputIndex: number,
  options: ResponsesStreamOptions,
): ResponsesEventDraft[] {
  const at = { item_id: item.id, output_index: outputIndex };
  const { fragments } = options;
  const callId =
    options.splitIds === true ? item.call_id.slice(0, Math.ceil(item.call_id.length / 2)) : item.call_id;
  return [
    {
      type: 'response.output_item.added',
      output_index: outputIndex,
      item: { ...item, status: 'in_progress', arguments: '', call_id: callId },
    },
    ...splitFragments(item.arguments, fragments).map((delta) => ({
      type: 'response.function_call_arguments.delta',
      ...at,
      delta,
    })),
    { type: 'response.function_call_arguments.done', ...at, name: item.name, arguments: item.arguments },
    { type: 'response.output_item.done', output_index: outputIndex, item },
  ];
}

/** A reasoning item announced with an empty summary, each summary part streamed, then the item done. */
function reasoningEvents(
  item: ResponsesOutputItem,
  outputIndex: number,
  fragments: number,
): ResponsesEventDraft[] {
  const at = { item_id: item.id, output_index: outputIndex };
  const summary = Array.isArray(item['summary']) ? (item['summary'] as Array<{ text: string }>) : [];
  const parts = summary.flatMap((part, index) => {
    const where = { ...at, summary_index: index };
    return [
      { type: 'response.reasoning_summary_part.added', ...where, part: { type: 'summary_text', text: '' } },
      ...splitFragments(part.text, fragments).map((delta) => ({
        type: 'response.reasoning_summary_text.delta',
        ...where,
        delta,
      })),
      { type: 'response.reasoning_summary_text.done', ...where, text: part.text },
      {
        type: 'response.reasoning_summary_part.done',
        ...where,
        part: { type: 'summary_text', text: part.text },
      },
    ];
  });
  return [
    { type: 'response.output_item.added', output_index: outputIndex, item: { ...item, summary: [] } },
    ...parts,
    { type: 'response.output_item.done', output_index: outputIndex, item },
  ];
}

function itemEvents(
  item: ResponsesOutputItem,
  outputIndex: number,
  options: ResponsesStreamOptions,
): ResponsesEventDraft[] {
  if (item.type === 'message') return messageEvents(item, outputIndex, options.fragments);
  if (item.type === 'function_call') return callEvents(item, outputIndex, options);
  if (item.type === 'reasoning') return reasoningEvents(item, outputIndex, options.fragments);
  return [];
}

function roundRobin(lists: ResponsesEventDraft[][]): ResponsesEventDraft[] {
  const out: ResponsesEventDraft[] = [];
  const longest = Math.max(0, ...lists.map((list) => list.length));
  for (let step = 0; step < longest; step += 1) {
    for (const list of lists) {
      const event = list[step];
      if (event !== undefined) out.push(event);
    }
  }
  return out;
}

/**
 * The events of a Responses stream for a turn (docs/protocol/responses.md#event-order, orders A and B):
 * created, in_progress, each item's added → deltas → done → item done, then `response.completed` (or
 * `response.incomplete` when cut off) carrying the full output and usage.
 */
export function buildResponsesEvents(
  turn: Turn,
  meta: ResponseMeta,
  options: ResponsesStreamOptions,
): ResponsesEventDraft[] {
  const output = outputItems(turn, meta.messageId, meta.style);
  const opening = buildResponseObject(meta, { status: 'in_progress', output: [], usage: null });
  const lists = output.map((item, index) => itemEvents(item, index, options));
  const incomplete = turn.finishReason === 'length';
  const final = buildResponseObject(meta, {
    status: incomplete ? 'incomplete' : 'completed',
    output,
    usage: options.usage,
  });
  return [
    { type: 'response.created', response: opening },
    { type: 'response.in_progress', response: opening },
    ...(options.interleave ? roundRobin(lists) : lists.flat()),
    { type: incomplete ? 'response.incomplete' : 'response.completed', response: final },
  ];
}

/** Serialises drafts as SSE frames: `event: <type>` plus one JSON data line, sequence numbers from 0. */
export function serializeResponsesEvents(drafts: readonly ResponsesEventDraft[]): string[] {
  return drafts.map(({ type, ...fields }, index) => {
    const event = { type, sequence_number: index, ...fields };
    return `event: ${type}\ndata: ${JSON.stringify(event)}\n\n`;
  });
}
