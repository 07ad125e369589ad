import { annotationsFromChat } from '../convert/chat-annotations.js';
import { chatReasoningItem, chatReasoningOf } from '../convert/chat-reasoning.js';
import { chatUsageToCanonical } from '../convert/usage.js';
import { CoreError } from '../errors/core-error.js';
import type { CanonicalFinishReason, CanonicalUsage } from '../items/canonical.js';
import { isJsonObject } from '../json/get-own.js';
import type { ChatUsage } from '../protocol/common/usage.js';
import { ids } from '../protocol/ids.js';
import type { CanonicalStreamEvent } from './canonical-stream-event.js';
import { ChatFragment } from './chat-fragment.js';
import { ItemSequencer } from './item-sequencer.js';
import { mapChatFinishReason } from './map-chat-finish-reason.js';
import type { StreamLimits } from './stream-limits.js';
import { readUpstreamError } from './to-stream-error.js';
import { type ToolCallSlot, ToolCallSlots, type ToolCallUpdate } from './tool-call-slots.js';
import { arrayField, numberField, objectField, stringField } from './wire-fields.js';

type ItemKey = `text:${number}` | `call:${number}` | `reasoning:${number}`;
type Events = CanonicalStreamEvent[];

function callKey(slot: ToolCallSlot): ItemKey {
  return `call:${slot.position}`;
}

/** The choice with index 0 (a missing index counts as 0); other choices are ignored. */
function firstChoice(chunk: Record<string, unknown>): Record<string, unknown> | undefined {
  for (const choice of arrayField(chunk, 'choices') ?? []) {
    if (isJsonObject(choice) && (numberField(choice, 'index') ?? 0) === 0) return choice;
  }
  return undefined;
}

/**
 * The state machine behind `chatChunksToCanonical`: one parsed chunk in, the canonical events it
 * releases out. Throws `CoreError` on hostile or broken input; the caller turns that into an error
 * event. Calls of an interleaving upstream are held until the live call is complete (its JSON closed)
 * or the finish arrives; the finish itself is held until usage or the end of input.
 */
export class ChatStreamDecoder {
  readonly #limits: StreamLimits;
  readonly #slots: ToolCallSlots;
  readonly #sequencer = new ItemSequencer<ItemKey>();
  readonly #opened = new Set<number>();
  readonly #ended = new Set<number>();
  #started = false;
  #done = false;
  #currentText: ItemKey | undefined;
  #lastKey: ItemKey | undefined;
  #textCount = 0;
  #textBytes = 0;
  /** The reasoning items (`delta.reasoning_content` of a reasoning server), by key: id and text so far. */
  readonly #reasoning = new Map<ItemKey, { id: string; text: string }>();
  #currentReasoning: ItemKey | undefined;
  /** The last text item, and the citations (`delta.annotations`, Responses shape) it has so far. */
  #lastText: { key: ItemKey; annotations: unknown[] } | undefined;
  #finishReason: CanonicalFinishReason | undefined;
  #usage: CanonicalUsage | undefined;

  constructor(limits: StreamLimits) {
    this.#limits = limits;
    this.#slots = new ToolCallSlots(limits);
  }

  /** True once a terminal event was released; later input is ignored. */
  get done(): boolean {
    return this.#done;
  }

  /** Feeds one parsed chunk, or a {@link ChatFragment} read from a template. */
  push(chunk: unknown): Events {
    if (chunk instanceof ChatFragment) return this.#fragment(chunk);
    if (this.#done) return [];
    if (!isJsonObject(chunk)) {
      throw new CoreError({
        code: 'invalid_stream',
        message: 'A Chat Completions stream chunk is not a JSON object.',
      });
    }
    const upstreamError = Object.hasOwn(chunk, 'error') ? chunk['error'] : undefined;
    if (upstreamError) {
      this.#done = true;
      return [{ type: 'error', error: readUpstreamError(upstreamError) }];
    }
    const out: Events = this.#started ? [] : [this.#start(chunk)];
    const usage = objectField(chunk, 'usage');
    if (usage !== undefined) this.#usage = chatUsageToCanonical(usage as unknown as ChatUsage);
    const choice = firstChoice(chunk);
    if (choice !== undefined && this.#finishReason === undefined) {
      const delta = objectField(choice, 'delta');
      if (delta !== undefined) out.push(...this.#delta(delta));
      const logprobs = objectField(choice, 'logprobs');
      if (logprobs !== undefined) out.push({ type: 'logprobs', logprobs });
      const finishReason = stringField(choice, 'finish_reason');
      if (finishReason !== undefined) out.push(...this.#finish(finishReason));
    }
    if (this.#finishReason !== undefined && this.#usage !== undefined) out.push(this.#finishEvent());
    return out;
  }

  /**
   * What `push(hit.toChunk())` gives, without reading that chunk member by member: it has no error,
   * usage, finish reason or logprobs, so only its fragment can do anything. Before the first chunk (no
   * template exists then, but the method does not rely on it) it takes the long way.
   */
  #fragment(hit: ChatFragment): Events {
    if (!this.#started) return this.push(hit.toChunk());
    if (this.#done || this.#finishReason !== undefined) return [];
    if (hit.kind === 'content') return hit.fragment === '' ? [] : this.#text('text-delta', hit.fragment);
    return this.#call(this.#slots.applyFragment(hit.index, hit.hasIndex, hit.fragment));
  }

  /** Signals the end of input: releases the held finish, or throws because the stream was cut off. */
  end(): Events {
    if (this.#done) return [];
    if (this.#finishReason !== undefined) return [this.#finishEvent()];
    throw new CoreError({
      code: 'invalid_stream',
      message:
        'The upstream stream ended without a finish_reason, so the response is truncated and its tool calls ' +
        'are incomplete. Retry the request.',
    });
  }

  #start(chunk: Record<string, unknown>): CanonicalStreamEvent {
    this.#started = true;
    const start: Extract<CanonicalStreamEvent, { type: 'response-start' }> = {
      type: 'response-start',
      id: stringField(chunk, 'id') || ids.chatCompletion(),
      model: stringField(chunk, 'model') ?? '',
      createdAt: numberField(chunk, 'created') ?? Math.floor(Date.now() / 1000),
    };
    // Passed on as a non-streaming answer passes them on (OpenAI repeats both on every chunk).
    const serviceTier = stringField(chunk, 'service_tier');
    if (serviceTier !== undefined) start.serviceTier = serviceTier;
    const systemFingerprint = stringField(chunk, 'system_fingerprint');
    if (systemFingerprint !== undefined) start.systemFingerprint = systemFingerprint;
    return start;
  }

  #finishEvent(): CanonicalStreamEvent {
    this.#done = true;
    return { type: 'finish', finishReason: this.#finishReason ?? 'stop', usage: this.#usage ?? null };
  }

  #delta(delta: Record<string, unknown>): Events {
    const out: Events = [];
    const reasoning = chatReasoningOf(delta);
    if (reasoning !== undefined) out.push(...this.#reasoningDelta(reasoning));
    const content = stringField(delta, 'content');
    if (content) out.push(...this.#text('text-delta', content));
    const refusal = stringField(delta, 'refusal');
    if (refusal) out.push(...this.#text('refusal-delta', refusal));
    // Search models send their citations late, often in a delta of their own: they belong to the text
    // so far and go out with its end (a text that already ended keeps what it had).
    const annotations = annotationsFromChat(arrayField(delta, 'annotations'));
    if (annotations !== undefined && this.#lastText !== undefined)
      this.#lastText.annotations.push(...annotations);
    for (const entry of arrayField(delta, 'tool_calls') ?? []) {
      out.push(...this.#call(this.#slots.apply(entry)));
    }
    const legacy = objectField(delta, 'function_call');
    if (legacy !== undefined) out.push(...this.#call(this.#slots.applyLegacy(legacy)));
    return out;
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

  /**
   * A reasoning server's thinking (`delta.reasoning_content` or `delta.reasoning`,
   * docs/protocol/chat-completions.md#reasoning):
   * one reasoning item whose text streams as `content` part 0, ended (like text) when another item
   * receives data. It counts toward the text limit.
   */
  #reasoningDelta(delta: string): Events {
    this.#countText(delta);
    const current = this.#currentReasoning;
    const state = current === undefined ? undefined : this.#reasoning.get(current);
    if (current !== undefined && state !== undefined && current === this.#lastKey) {
      state.text += delta;
      return this.#sequencer.push(current, { type: 'reasoning-delta', target: 'content', index: 0, delta });
    }
    const key: ItemKey = `reasoning:${this.#reasoning.size}`;
    const id = ids.reasoning();
    const out = this.#releaseFinished(undefined);
    this.#reasoning.set(key, { id, text: delta });
    this.#currentReasoning = key;
    this.#lastKey = key;
    out.push(
      ...this.#sequencer.open(key, {
        type: 'reasoning-start',
        item: { type: 'reasoning', id, summary: [], content: [] },
      }),
    );
    out.push(...this.#sequencer.push(key, { type: 'reasoning-delta', target: 'content', index: 0, delta }));
    return out;
  }

  #text(type: 'text-delta' | 'refusal-delta', delta: string): Events {
    this.#countText(delta);
    if (this.#currentText !== undefined && this.#currentText === this.#lastKey) {
      return this.#sequencer.push(this.#currentText, { type, delta });
    }
    const key: ItemKey = `text:${this.#textCount++}`;
    const out = this.#releaseFinished(undefined);
    this.#currentText = key;
    this.#lastText = { key, annotations: [] };
    this.#lastKey = key;
    out.push(...this.#sequencer.open(key, { type: 'text-start' }));
    out.push(...this.#sequencer.push(key, { type, delta }));
    return out;
  }

  #call({ slot, fragment }: ToolCallUpdate): Events {
    const key = callKey(slot);
    if (this.#ended.has(slot.position)) {
      if (fragment.trim() === '') return [];
      throw new CoreError({
        code: 'invalid_stream',
        message: `Tool call ${slot.index ?? slot.position} received more arguments after its JSON was complete.`,
      });
    }
    if (this.#opened.has(slot.position)) {
      const out = this.#releaseFinished(key);
      if (fragment !== '')
        out.push(...this.#sequencer.push(key, { type: 'tool-call-delta', delta: fragment }));
      return out;
    }
    // The name may come after the first delta; until then the fragments wait in the slot.
    if (slot.name === undefined) return [];
    const out = this.#releaseFinished(undefined);
    if (slot.id === undefined) this.#slots.assignId(slot, ids.call());
    this.#opened.add(slot.position);
    this.#lastKey = key;
    out.push(
      ...this.#sequencer.open(key, { type: 'tool-call-start', callId: slot.id ?? '', name: slot.name }),
    );
    if (slot.arguments.text !== '') {
      out.push(...this.#sequencer.push(key, { type: 'tool-call-delta', delta: slot.arguments.text }));
    }
    return out;
  }

  /**
   * Another item is about to receive data: end the live items that are finished — a text item
   * (Chat text has no end marker) or a call whose JSON has closed — so the next one can go live.
   */
  #releaseFinished(target: ItemKey | undefined): Events {
    const out: Events = [];
    for (
      let live = this.#sequencer.live;
      live !== undefined && live !== target;
      live = this.#sequencer.live
    ) {
      const slot = this.#slotOf(live);
      if (slot !== undefined && !slot.arguments.complete) break;
      out.push(...this.#endItem(live));
    }
    return out;
  }

  #slotOf(key: ItemKey): ToolCallSlot | undefined {
    if (!key.startsWith('call:')) return undefined;
    return this.#slots.all[Number(key.slice('call:'.length))];
  }

  #endItem(key: ItemKey): Events {
    const reasoning = this.#reasoning.get(key);
    if (reasoning !== undefined) {
      if (this.#currentReasoning === key) this.#currentReasoning = undefined;
      const item = chatReasoningItem(reasoning.text, reasoning.id).raw;
      return this.#sequencer.end(key, { type: 'reasoning-end', item });
    }
    const slot = this.#slotOf(key);
    if (slot === undefined) {
      if (this.#currentText === key) this.#currentText = undefined;
      const text = this.#lastText;
      if (text?.key !== key || text.annotations.length === 0)
        return this.#sequencer.end(key, { type: 'text-end' });
      this.#lastText = undefined;
      return this.#sequencer.end(key, { type: 'text-end', parts: [{ annotations: text.annotations }] });
    }
    this.#ended.add(slot.position);
    return this.#sequencer.end(key, { type: 'tool-call-end', arguments: slot.arguments.final });
  }

  #finish(raw: string): Events {
    const truncated = raw === 'length' || raw === 'content_filter';
    this.#finishReason = mapChatFinishReason(raw, this.#slots.all.length > 0);
    const nameless = this.#slots.all.find((slot) => !this.#opened.has(slot.position));
    if (nameless !== undefined && !truncated) {
      throw new CoreError({
        code: 'invalid_stream',
        message: `Tool call ${nameless.index ?? nameless.position} ended without a function name.`,
      });
    }
    const open = this.#sequencer.openKeys;
    // A cut-off stream leaves its last item open, so encoders mark it incomplete (never complete).
    const toEnd = truncated ? open.slice(0, -1) : open;
    return toEnd.flatMap((key) => this.#endItem(key));
  }
}
