import { interpretedFields, passthroughOf } from '../convert/passthrough.js';
import { CoreError } from '../errors/core-error.js';
import { isJsonObject } from '../json/get-own.js';
import { ids } from '../protocol/ids.js';
import { ArgumentBuffer } from './argument-buffer.js';
import type { CanonicalStreamEvent } from './canonical-stream-event.js';
import { ItemSequencer } from './item-sequencer.js';
import { endEvent, withFields, withItemId } from './responses-item-fields.js';
import { isReasoningEvent, ReasoningStream } from './responses-reasoning-decoder.js';
import type { StreamLimits } from './stream-limits.js';
import { StreamedText } from './streamed-text.js';
import { arrayField, numberField, objectField, stringField } from './wire-fields.js';

type Events = CanonicalStreamEvent[];
type WireObject = Record<string, unknown>;
type TextDelta = 'text-delta' | 'refusal-delta';

interface TrackedItem {
  index: number;
  kind: 'message' | 'function_call' | 'reasoning' | 'other';
  id: string | undefined;
  /** Text delivered per content part, to release only what `.done` events add. */
  text: StreamedText;
  args: ArgumentBuffer | undefined;
  /** Summary and content parts of a reasoning item. */
  reasoning: ReasoningStream | undefined;
  /** The item as last seen whole (added, then done or the terminal output): its pass-through fields. */
  latest: WireObject;
  /** Finished upstream with `status: "incomplete"`: left open so the finish marks it cut off. */
  truncated: boolean;
}

/**
 * The output items of a Responses stream as canonical items (docs/protocol/responses.md#streaming), for
 * `ResponsesStreamDecoder`. Items are tracked by `output_index` (falling back to `item_id`) and matched to
 * the terminal `output[]` by id (an upstream's `output[]` may skip indexes); those of an interleaving
 * upstream are held until the item before them is done; text or arguments that only arrive in `.done`
 * events or in the final item ("done-only" upstreams) are released as one delta, and a final text that
 * contradicts the deltas is an error (docs/open-responses.md#nothing-lost).
 */
export class ResponsesItemDecoder {
  readonly #limits: StreamLimits;
  readonly #sequencer = new ItemSequencer<number>();
  readonly #items = new Map<number, TrackedItem>();
  readonly #byId = new Map<string, TrackedItem>();
  #sawCall = false;
  #textBytes = 0;

  constructor(limits: StreamLimits) {
    this.#limits = limits;
  }

  /** True once any function call was seen: the finish reason is then `tool_calls`. */
  get sawCall(): boolean {
    return this.#sawCall;
  }

  /** Routes one item-level event; unknown ones release nothing. */
  dispatch(type: string, event: WireObject): Events {
    if (isReasoningEvent(type)) {
      const tracked = this.#find(event);
      if (tracked?.reasoning !== undefined) return this.#reasoning(tracked, type, event);
    }
    switch (type) {
      case 'response.output_item.added':
        return this.#added(numberField(event, 'output_index'), objectField(event, 'item') ?? {});
      case 'response.output_item.done':
        return this.#itemDone(numberField(event, 'output_index'), objectField(event, 'item') ?? {});
      case 'response.output_text.delta':
        return this.#textDelta(event, 'text-delta');
      case 'response.refusal.delta':
        return this.#textDelta(event, 'refusal-delta');
      case 'response.output_text.done':
        return this.#partText(event, 'text-delta', stringField(event, 'text'));
      case 'response.refusal.done':
        return this.#partText(event, 'refusal-delta', stringField(event, 'refusal'));
      case 'response.content_part.done':
        return this.#partDone(event);
      case 'response.function_call_arguments.delta':
        return this.#argumentsDelta(event);
      case 'response.function_call_arguments.done':
        return this.#argumentsDone(this.#find(event), stringField(event, 'arguments'));
      default:
        return [];
    }
  }

  /**
   * Closes the output at a terminal event: fills items from the final `output`, then ends the open
   * items — all of them, or all but the last when the response was cut off (that one stays open so
   * encoders report it incomplete).
   */
  finish(output: unknown[], { cutOff }: { cutOff: boolean }): Events {
    const out = this.#settleOutput(output);
    const open = this.#sequencer.openKeys;
    for (const index of cutOff ? open.slice(0, -1) : open) {
      const tracked = this.#items.get(index);
      if (tracked !== undefined) out.push(...this.#endItem(tracked));
    }
    return out;
  }

  #find(event: WireObject): TrackedItem | undefined {
    const index = numberField(event, 'output_index');
    const byIndex = index === undefined ? undefined : this.#items.get(index);
    if (byIndex !== undefined) return byIndex;
    const itemId = stringField(event, 'item_id');
    return itemId === undefined ? undefined : this.#byId.get(itemId);
  }

  #added(rawIndex: number | undefined, item: WireObject): Events {
    const index = rawIndex ?? this.#nextFreeIndex();
    if (this.#items.has(index)) {
      throw new CoreError({
        code: 'invalid_stream',
        message: `The upstream added two items at output_index ${index}.`,
      });
    }
    const itemType = stringField(item, 'type');
    const kind =
      itemType === 'message' || itemType === 'function_call' || itemType === 'reasoning' ? itemType : 'other';
    const id = stringField(item, 'id') || undefined;
    const label = `${kind === 'other' ? 'item' : kind.replace('_', ' ')} ${index}`;
    const tracked: TrackedItem = {
      index,
      kind,
      id,
      text: new StreamedText(label),
      args: undefined,
      reasoning: kind === 'reasoning' ? new ReasoningStream(label) : undefined,
      latest: item,
      truncated: false,
    };
    this.#items.set(index, tracked);
    if (id !== undefined) this.#byId.set(id, tracked);
    if (kind === 'message') {
      const passthrough = passthroughOf(item, interpretedFields.message);
      return this.#sequencer.open(index, withFields(withItemId({ type: 'text-start' }, id), passthrough));
    }
    if (kind === 'function_call') return this.#openCall(tracked, item);
    if (kind === 'reasoning') return this.#sequencer.open(index, { type: 'reasoning-start', item });
    return [];
  }

  /** A key for an item that the terminal output lists but no event announced, clear of streamed ones. */
  #nextFreeIndex(): number {
    let next = 0;
    for (const index of this.#items.keys()) next = Math.max(next, index + 1);
    return next;
  }

  #reasoning(tracked: TrackedItem, type: string, event: WireObject): Events {
    if (tracked.reasoning === undefined || !this.#sequencer.has(tracked.index)) return [];
    const out: Events = [];
    for (const released of tracked.reasoning.read(type, event)) {
      if (released.type === 'reasoning-delta') this.#countText(released.delta);
      out.push(...this.#sequencer.push(tracked.index, released));
    }
    return out;
  }

  #openCall(tracked: TrackedItem, item: WireObject): Events {
    const name = stringField(item, 'name');
    if (!name) {
      throw new CoreError({
        code: 'invalid_stream',
        message: `Function call item ${tracked.index} has no name.`,
      });
    }
    if (this.#items.size > this.#limits.maxToolCalls) {
      throw new CoreError({
        code: 'stream_limit_exceeded',
        message: `The stream has more than ${this.#limits.maxToolCalls} output items; raise streamLimits.maxToolCalls to allow more.`,
      });
    }
    this.#sawCall = true;
    tracked.args = new ArgumentBuffer(this.#limits, `tool call ${tracked.index}`);
    const callId = stringField(item, 'call_id') || ids.call();
    const passthrough = passthroughOf(item, interpretedFields.functionCall);
    const out = this.#sequencer.open(
      tracked.index,
      withFields(withItemId({ type: 'tool-call-start', callId, name }, tracked.id), passthrough),
    );
    out.push(...this.#argumentsUpTo(tracked, stringField(item, 'arguments')));
    return out;
  }

  #textDelta(event: WireObject, type: TextDelta): Events {
    const tracked = this.#find(event);
    const delta = stringField(event, 'delta') ?? '';
    if (tracked?.kind !== 'message' || delta === '' || !this.#sequencer.has(tracked.index)) return [];
    tracked.text.append(numberField(event, 'content_index') ?? 0, delta);
    return this.#emitText(tracked, type, delta);
  }

  #emitText(tracked: TrackedItem, type: TextDelta, delta: string): Events {
    this.#countText(delta);
    return this.#sequencer.push(tracked.index, { type, delta });
  }

  #countText(delta: string): void {
    this.#textBytes += Buffer.byteLength(delta, 'utf8');
    if (this.#textBytes > this.#limits.maxTextBytes) {
      throw new CoreError({
        code: 'stream_limit_exceeded',
        message: `The response text exceeds ${this.#limits.maxTextBytes} bytes; raise streamLimits.maxTextBytes to allow more.`,
      });
    }
  }

  /** Releases the part of a full text that deltas did not deliver (done-only upstreams). */
  #partText(event: WireObject, type: TextDelta, full: string | undefined): Events {
    const tracked = this.#find(event);
    if (tracked?.kind !== 'message' || full === undefined || !this.#sequencer.has(tracked.index)) return [];
    return this.#releasePart(tracked, numberField(event, 'content_index') ?? 0, type, full);
  }

  #releasePart(tracked: TrackedItem, part: number, type: TextDelta, full: string): Events {
    const rest = tracked.text.rest(part, full);
    return rest === '' ? [] : this.#emitText(tracked, type, rest);
  }

  #partDone(event: WireObject): Events {
    const part = objectField(event, 'part');
    if (part === undefined) return [];
    const isRefusal = stringField(part, 'type') === 'refusal';
    const full = stringField(part, isRefusal ? 'refusal' : 'text');
    return this.#partText(event, isRefusal ? 'refusal-delta' : 'text-delta', full);
  }

  #argumentsDelta(event: WireObject): Events {
    const tracked = this.#find(event);
    const delta = stringField(event, 'delta') ?? '';
    if (tracked?.args === undefined || delta === '' || !this.#sequencer.has(tracked.index)) return [];
    tracked.args.append(delta);
    return this.#sequencer.push(tracked.index, { type: 'tool-call-delta', delta });
  }

  #argumentsDone(tracked: TrackedItem | undefined, full: string | undefined): Events {
    if (tracked?.args === undefined || !this.#sequencer.has(tracked.index)) return [];
    return this.#argumentsUpTo(tracked, full);
  }

  /** Releases what a full argument string adds to the streamed deltas; a contradiction is an error. */
  #argumentsUpTo(tracked: TrackedItem, full: string | undefined): Events {
    const args = tracked.args;
    if (args === undefined || full === undefined || full === args.text) return [];
    if (!full.startsWith(args.text)) {
      throw new CoreError({
        code: 'invalid_stream',
        message: `The final arguments of tool call ${tracked.index} contradict its streamed deltas.`,
      });
    }
    const rest = full.slice(args.text.length);
    args.append(rest);
    return this.#sequencer.push(tracked.index, { type: 'tool-call-delta', delta: rest });
  }

  #itemDone(rawIndex: number | undefined, item: WireObject): Events {
    const id = stringField(item, 'id');
    const tracked =
      (id ? this.#byId.get(id) : undefined) ??
      (rawIndex === undefined ? undefined : this.#items.get(rawIndex));
    if (tracked === undefined || !this.#sequencer.has(tracked.index) || tracked.truncated) return [];
    tracked.latest = item;
    if (tracked.kind === 'reasoning') return this.#endItem(tracked);
    const out = this.#deliverFinal(tracked, item);
    if (stringField(item, 'status') === 'incomplete') {
      tracked.truncated = true;
      return out;
    }
    out.push(...this.#endItem(tracked));
    return out;
  }

  /** Delivers what the final item holds beyond the deltas (message parts or call arguments). */
  #deliverFinal(tracked: TrackedItem, item: WireObject): Events {
    if (tracked.kind === 'function_call') return this.#argumentsUpTo(tracked, stringField(item, 'arguments'));
    const out: Events = [];
    for (const [part, value] of (arrayField(item, 'content') ?? []).entries()) {
      if (!isJsonObject(value)) continue;
      const isRefusal = stringField(value, 'type') === 'refusal';
      const full = stringField(value, isRefusal ? 'refusal' : 'text');
      if (full !== undefined)
        out.push(...this.#releasePart(tracked, part, isRefusal ? 'refusal-delta' : 'text-delta', full));
    }
    return out;
  }

  #endItem(tracked: TrackedItem): Events {
    const kind = tracked.kind === 'reasoning' ? 'reasoning' : tracked.args !== undefined ? 'call' : 'message';
    return this.#sequencer.end(tracked.index, endEvent(kind, tracked.latest, tracked.args?.final ?? ''));
  }

  /** The streamed item a terminal output entry stands for: by id, by position only where an id is missing. */
  #trackedFor(position: number, id: string | undefined): TrackedItem | undefined {
    const byId = id === undefined ? undefined : this.#byId.get(id);
    if (byId !== undefined) return byId;
    const byPosition = this.#items.get(position);
    return byPosition !== undefined && (byPosition.id === undefined || id === undefined)
      ? byPosition
      : undefined;
  }

  /**
   * Uses the terminal response's output to fill items whose content never streamed, or never appeared.
   * Items are matched by id; by position only when the item has none.
   */
  #settleOutput(output: unknown[]): Events {
    const out: Events = [];
    for (const [position, item] of output.entries()) {
      if (!isJsonObject(item)) continue;
      const tracked = this.#trackedFor(position, stringField(item, 'id') || undefined);
      if (tracked === undefined) {
        const index = this.#items.has(position) ? this.#nextFreeIndex() : position;
        out.push(...this.#added(index, item));
        if (stringField(item, 'status') !== 'incomplete') out.push(...this.#itemDone(index, item));
      } else if (this.#sequencer.has(tracked.index) && !tracked.truncated) {
        tracked.latest = item;
        if (tracked.kind !== 'reasoning') out.push(...this.#deliverFinal(tracked, item));
      }
    }
    return out;
  }
}
