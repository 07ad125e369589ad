import { isDeepStrictEqual } from 'node:util';
import { CoreError } from '../errors/core-error.js';
import { isJsonObject } from '../json/get-own.js';
import type { ResponseObject } from '../protocol/responses/types.js';
import type { StreamError } from './canonical-stream-event.js';
import { RESPONSES_EVENT_TYPES } from './responses-event-types.js';
import { readUpstreamError } from './to-stream-error.js';
import { arrayField, numberField, objectField, stringField } from './wire-fields.js';

type WireObject = Record<string, unknown>;
type Family = 'message' | 'function_call' | 'reasoning';
interface Tracked {
  item: WireObject;
  done: boolean;
  streamedArguments: boolean;
  streamedParts: Set<number>;
}

const TERMINAL = new Set(['response.completed', 'response.incomplete', 'response.failed']);
const LIFECYCLE = new Set(['response.created', 'response.in_progress', 'response.queued', ...TERMINAL]);

/**
 * A violated rule of docs/protocol/sdk-requirements.md#responses-stream-helper, named in the message
 * (`R4: …`).
 */
function violation(rule: string, message: string): never {
  throw new CoreError({ code: 'invalid_stream', message: `${rule}: ${message}` });
}

function familyOf(type: string): Family | undefined {
  if (/^response\.(output_text|refusal|content_part)\./.test(type)) return 'message';
  if (type.startsWith('response.function_call_arguments.')) return 'function_call';
  if (/^response\.reasoning_(text|summary_part|summary_text)\./.test(type)) return 'reasoning';
  return undefined;
}

/**
 * Rebuilds the final Response from Responses stream events while checking what the official SDK helpers
 * require (docs/protocol/sdk-requirements.md#responses-stream-helper, R1–R10) plus the consistency of `.done`
 * payloads with their deltas; the first violation throws a `CoreError` (`invalid_stream`) whose message
 * starts with the rule.
 */
export class ResponsesStreamAccumulator {
  readonly #items: Tracked[] = [];
  readonly #itemIds = new Set<string>();
  readonly #callIds = new Set<string>();
  #responseId: string | undefined;
  #sequence: number | undefined;
  #terminal: { type: string; response: WireObject } | undefined;
  #error: StreamError | undefined;

  /** The error the stream reported (`error` event or `response.failed`), if any. */
  get error(): StreamError | undefined {
    return this.#error;
  }

  /** Adds one parsed event; throws on the first rule it breaks. */
  push(event: unknown): void {
    if (!isJsonObject(event)) violation('R8', 'an event is not a JSON object');
    const type = stringField(event, 'type') ?? '';
    if (!RESPONSES_EVENT_TYPES.has(type)) violation('R8', `undocumented event type ${JSON.stringify(type)}`);
    this.#checkSequence(event);
    if (this.#terminal !== undefined) violation('R9', `${type} arrived after ${this.#terminal.type}`);
    if (type === 'error') {
      this.#error ??= readUpstreamError(objectField(event, 'error') ?? event);
      return;
    }
    if (this.#responseId === undefined && type !== 'response.created') {
      violation('R1', `the first event must be response.created, got ${type}`);
    }
    const family = familyOf(type);
    if (LIFECYCLE.has(type)) this.#lifecycle(type, objectField(event, 'response'));
    else if (type === 'response.output_item.added') this.#added(event);
    else if (type === 'response.output_item.done') this.#itemDone(event);
    else if (family !== undefined) this.#itemEvent(type, family, event);
  }

  /** The final Response; throws if the stream failed or never reached a terminal event (R9). */
  toResponse(): ResponseObject {
    if (this.#error !== undefined) {
      throw new CoreError({
        code: 'invalid_stream',
        message: `The stream failed: ${this.#error.message}`,
        cause: this.#error,
      });
    }
    if (this.#terminal === undefined) violation('R9', 'the stream ended without response.completed');
    return structuredClone(this.#terminal.response) as ResponseObject;
  }

  #checkSequence(event: WireObject): void {
    const sequence = numberField(event, 'sequence_number');
    if (sequence === undefined || !Number.isInteger(sequence)) violation('R10', 'sequence_number is missing');
    if (this.#sequence !== undefined && sequence <= this.#sequence) {
      violation('R10', `sequence_number ${sequence} does not increase after ${this.#sequence}`);
    }
    this.#sequence = sequence;
  }

  #lifecycle(type: string, response: WireObject | undefined): void {
    if (
      response === undefined ||
      stringField(response, 'object') !== 'response' ||
      arrayField(response, 'output') === undefined
    ) {
      violation('R7', `${type} does not carry a full Response object`);
    }
    const id = stringField(response, 'id');
    if (type === 'response.created') this.#responseId = id;
    else if (id !== this.#responseId)
      violation('R7', `${type} carries response id ${id}, not ${this.#responseId}`);
    if (TERMINAL.has(type)) this.#checkTerminal(type, response);
  }

  #added(event: WireObject): void {
    const index = numberField(event, 'output_index');
    if (index !== this.#items.length)
      violation('R2', `output_item.added at output_index ${index}, expected ${this.#items.length}`);
    const item = objectField(event, 'item') ?? violation('R3', 'output_item.added has no item');
    const itemType = stringField(item, 'type');
    const id = stringField(item, 'id');
    if (itemType === 'message' || itemType === 'function_call') {
      if (!id) violation('R3', `the ${itemType} item at output_index ${index} has no id`);
      if (stringField(item, 'status') !== 'in_progress')
        violation('R3', `item ${id} is not added as in_progress`);
    }
    if (itemType === 'function_call') {
      const callId = stringField(item, 'call_id');
      if (!callId) violation('R3', `function_call item ${id} has no call_id`);
      if (this.#callIds.has(callId)) violation('R3', `duplicate call_id ${callId}`);
      this.#callIds.add(callId);
    }
    if (id) {
      if (this.#itemIds.has(id)) violation('R3', `duplicate item id ${id}`);
      this.#itemIds.add(id);
    }
    this.#items.push({
      item: structuredClone(item),
      done: false,
      streamedArguments: false,
      streamedParts: new Set(),
    });
  }

  #tracked(event: WireObject, family: Family | undefined, rule: string): Tracked {
    const index = numberField(event, 'output_index') ?? -1;
    const tracked = this.#items[index] ?? violation(rule, `missing output at index ${index}`);
    if (family !== undefined) {
      const itemId = stringField(event, 'item_id');
      if (itemId !== tracked.item['id'])
        violation('R4', `expected item_id ${String(tracked.item['id'])}, got ${itemId}`);
      if (tracked.item['type'] !== family)
        violation('R4', `expected a ${family} item at output_index ${index}`);
      if (tracked.done) violation('R4', `event for output_index ${index} after its output_item.done`);
    }
    return tracked;
  }

  #itemEvent(type: string, family: Family, event: WireObject): void {
    const tracked = this.#tracked(event, family, 'R4');
    if (family === 'function_call') this.#argumentsEvent(type, tracked, event);
    else if (family === 'message') this.#messageEvent(type, tracked, event);
  }

  #argumentsEvent(type: string, tracked: Tracked, event: WireObject): void {
    const item = tracked.item;
    if (type.endsWith('.delta')) {
      item['arguments'] = String(item['arguments'] ?? '') + (stringField(event, 'delta') ?? '');
      tracked.streamedArguments = true;
      return;
    }
    const args =
      stringField(event, 'arguments') ?? violation('R4', 'function_call_arguments.done has no arguments');
    if (tracked.streamedArguments && args !== item['arguments']) {
      violation(
        'R4',
        `function_call_arguments.done for ${String(item['id'])} differs from its concatenated deltas`,
      );
    }
    const name = stringField(event, 'name');
    if (name !== undefined && name !== item['name'])
      violation('R4', `function_call_arguments.done names ${name}, not ${String(item['name'])}`);
    item['arguments'] = args;
  }

  #messageEvent(type: string, tracked: Tracked, event: WireObject): void {
    const content =
      arrayField(tracked.item, 'content') ?? violation('R5', 'the message item has no content array');
    const contentIndex = numberField(event, 'content_index') ?? -1;
    if (type === 'response.content_part.added') {
      if (contentIndex !== content.length)
        violation('R5', `content_part.added at content_index ${contentIndex}, expected ${content.length}`);
      content.push(
        structuredClone(objectField(event, 'part') ?? violation('R5', 'content_part.added has no part')),
      );
      return;
    }
    const part = content[contentIndex];
    if (!isJsonObject(part)) violation('R5', `missing content at index ${contentIndex}`);
    const field = part['type'] === 'refusal' ? 'refusal' : 'text';
    if (type === 'response.output_text.annotation.added') return;
    if (type === 'response.content_part.done') {
      const done = objectField(event, 'part') ?? violation('R5', 'content_part.done has no part');
      if (done['type'] !== part['type'] || done[field] !== part[field])
        violation('R5', 'content_part.done differs from the streamed part');
      content[contentIndex] = structuredClone(done);
      return;
    }
    const expected = type.startsWith('response.refusal.') ? 'refusal' : 'output_text';
    if (part['type'] !== expected)
      violation('R5', `expected content to be '${expected}', got ${String(part['type'])}`);
    if (type.endsWith('.delta')) {
      part[field] = String(part[field] ?? '') + (stringField(event, 'delta') ?? '');
      tracked.streamedParts.add(contentIndex);
      return;
    }
    const full = stringField(event, field) ?? violation('R5', `${type} has no ${field}`);
    if (tracked.streamedParts.has(contentIndex) && full !== part[field])
      violation('R5', `${type} differs from its concatenated deltas`);
    part[field] = full;
  }

  #itemDone(event: WireObject): void {
    const tracked = this.#tracked(event, undefined, 'R6');
    const item = objectField(event, 'item') ?? violation('R6', 'output_item.done has no item');
    for (const key of ['type', 'id', 'call_id']) {
      if (item[key] !== tracked.item[key]) violation('R6', `output_item.done changed the item's ${key}`);
    }
    const status = stringField(item, 'status');
    if (item['type'] !== 'reasoning' && status !== 'completed' && status !== 'incomplete') {
      violation('R6', `output_item.done for ${String(item['id'])} has status ${status}`);
    }
    if (item['type'] === 'message' && !isDeepStrictEqual(item['content'], tracked.item['content'])) {
      violation(
        'R6',
        `output_item.done for ${String(item['id'])} has content that differs from the streamed parts`,
      );
    }
    if (
      item['type'] === 'function_call' &&
      tracked.streamedArguments &&
      item['arguments'] !== tracked.item['arguments']
    ) {
      violation(
        'R6',
        `output_item.done for ${String(item['id'])} has arguments that differ from the streamed ones`,
      );
    }
    tracked.item = structuredClone(item);
    tracked.done = true;
  }

  #checkTerminal(type: string, response: WireObject): void {
    const expected = type.slice('response.'.length);
    if (stringField(response, 'status') !== expected)
      violation('R7', `${type} carries status ${String(response['status'])}`);
    const output = arrayField(response, 'output') ?? [];
    if (output.length !== this.#items.length)
      violation('R7', `${type} lists ${output.length} items; the stream added ${this.#items.length}`);
    this.#items.forEach((tracked, index) => {
      const final = output[index];
      if (type === 'response.failed') {
        if (!isJsonObject(final) || final['id'] !== tracked.item['id'])
          violation('R7', `${type} output[${index}] is not the streamed item`);
        return;
      }
      if (!tracked.done) violation('R6', `item ${String(tracked.item['id'])} never got output_item.done`);
      if (!isDeepStrictEqual(final, tracked.item))
        violation('R7', `${type} output[${index}] differs from the streamed item`);
    });
    if (type === 'response.incomplete' && objectField(response, 'incomplete_details') === undefined) {
      violation('R7', 'response.incomplete has no incomplete_details');
    }
    if (type === 'response.failed') {
      const error = objectField(response, 'error') ?? violation('R7', 'response.failed has no error');
      this.#error ??= readUpstreamError(error);
    }
    this.#terminal = { type, response };
  }
}
