import { getOwn, isJsonObject } from '@toolbridge/core';
import { type AnswerView, type ApiAdapter, stringField } from './api-adapter.js';
import type { NormalizedCall } from './step-result.js';

function argumentText(value: unknown): string {
  if (typeof value === 'string') return value;
  return value === undefined ? '' : JSON.stringify(value);
}

function firstChoice(value: unknown): Record<string, unknown> | null {
  const choices = isJsonObject(value) ? getOwn(value, 'choices') : undefined;
  const first: unknown = Array.isArray(choices) ? choices[0] : undefined;
  return isJsonObject(first) ? first : null;
}

interface Slot {
  id: string | null;
  name: string | null;
  arguments: string;
}

/** Accumulates one chunk's tool-call deltas by `index` (docs/protocol/chat-completions.md#streaming). */
function addToolDeltas(slots: Map<number, Slot>, deltas: unknown, last: { index: number }): void {
  for (const delta of Array.isArray(deltas) ? deltas : []) {
    if (!isJsonObject(delta)) continue;
    const given = getOwn(delta, 'index');
    // Without an index (old Ollama), a delta with an id starts a new call; others continue the last.
    const index =
      typeof given === 'number'
        ? given
        : getOwn(delta, 'id') !== undefined
          ? slots.size
          : Math.max(last.index, 0);
    last.index = index;
    const fn = getOwn(delta, 'function');
    const slot = slots.get(index) ?? { id: null, name: null, arguments: '' };
    // The first id and name win: a call introduces itself once, and a later different one is
    // exactly what a check should see as a broken stream, not something to paper over.
    slot.id ??= stringField(delta, 'id');
    slot.name ??= stringField(fn, 'name');
    slot.arguments += argumentText(isJsonObject(fn) ? getOwn(fn, 'arguments') : undefined);
    slots.set(index, slot);
  }
}

interface ChatStreamState {
  slots: Map<number, Slot>;
  last: { index: number };
  head: Record<string, unknown> | null;
  role: string | null;
  content: string | null;
  finishReason: unknown;
  usage: unknown;
  error: unknown;
}

function addChunk(state: ChatStreamState, event: Record<string, unknown>): void {
  if (getOwn(event, 'error') !== undefined) state.error = getOwn(event, 'error');
  if (getOwn(event, 'choices') === undefined) return;
  state.head ??= event;
  const usage = getOwn(event, 'usage');
  if (usage !== undefined && usage !== null) state.usage = usage;
  const choice = firstChoice(event);
  if (choice === null) return;
  const finish = getOwn(choice, 'finish_reason');
  if (finish !== undefined && finish !== null) state.finishReason = finish;
  const delta = getOwn(choice, 'delta');
  if (!isJsonObject(delta)) return;
  state.role ??= stringField(delta, 'role');
  const piece = stringField(delta, 'content');
  if (piece !== null) state.content = (state.content ?? '') + piece;
  addToolDeltas(state.slots, getOwn(delta, 'tool_calls'), state.last);
}

/** The chat.completion a stream stands for, so the JSON checks also apply to streams. */
function chatStreamBody(state: ChatStreamState, calls: readonly NormalizedCall[]): unknown {
  const errorField = state.error === undefined ? {} : { error: state.error };
  if (state.head === null) return state.error === undefined ? null : errorField;
  const toolCalls = calls.map((call) => ({
    id: call.id,
    type: 'function',
    function: { name: call.name, arguments: call.arguments },
  }));
  const message = {
    role: state.role,
    content: state.content,
    ...(toolCalls.length > 0 ? { tool_calls: toolCalls } : {}),
  };
  return {
    id: getOwn(state.head, 'id'),
    object: 'chat.completion',
    created: getOwn(state.head, 'created'),
    model: getOwn(state.head, 'model'),
    choices: [{ index: 0, message, finish_reason: state.finishReason }],
    usage: state.usage,
    ...errorField,
  };
}

function readChatStream(events: readonly unknown[]): AnswerView & { body: unknown } {
  const state: ChatStreamState = {
    slots: new Map(),
    last: { index: -1 },
    head: null,
    role: null,
    content: null,
    finishReason: null,
    usage: null,
    error: undefined,
  };
  for (const event of events) if (isJsonObject(event)) addChunk(state, event);
  const calls: NormalizedCall[] = [...state.slots.entries()]
    .sort(([a], [b]) => a - b)
    .map(([index, slot]) => ({ index, itemId: null, ...slot }));
  return { body: chatStreamBody(state, calls), calls, outputText: state.content };
}

/** Chat Completions (`POST /chat/completions`): calls in `choices[0].message.tool_calls`. */
export const chatAdapter: ApiAdapter = {
  id: 'chat',
  title: 'Chat Completions',
  readBody(body) {
    const message = getOwn(firstChoice(body) ?? {}, 'message');
    const toolCalls = isJsonObject(message) ? getOwn(message, 'tool_calls') : undefined;
    const calls = (Array.isArray(toolCalls) ? toolCalls : []).map((call: unknown, index): NormalizedCall => {
      const fn = isJsonObject(call) ? getOwn(call, 'function') : undefined;
      return {
        index,
        id: stringField(call, 'id'),
        itemId: null,
        name: stringField(fn, 'name'),
        arguments: argumentText(isJsonObject(fn) ? getOwn(fn, 'arguments') : undefined),
      };
    });
    return { calls, outputText: stringField(message, 'content') };
  },
  readStream: readChatStream,
};
