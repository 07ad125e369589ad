import { CoreError } from '../errors/core-error.js';
import { isJsonObject } from '../json/get-own.js';
import { ArgumentBuffer } from './argument-buffer.js';
import type { StreamLimits } from './stream-limits.js';
import { numberField, objectField, stringField } from './wire-fields.js';

/** One tool call being assembled from Chat deltas. */
export interface ToolCallSlot {
  /** Arrival order, used for output order and dense re-indexing. */
  readonly position: number;
  /** The upstream `index`, when it sent one. */
  readonly index: number | undefined;
  /** Upstream id, or one synthesized by the owner of the slot (`undefined` until then). */
  id: string | undefined;
  name: string | undefined;
  readonly arguments: ArgumentBuffer;
}

/** What one delta did: the slot it went to, the argument fragment it added, whether it was new. */
export interface ToolCallUpdate {
  slot: ToolCallSlot;
  fragment: string;
  created: boolean;
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value === '' ? undefined : value;
}

/** Arguments normally arrive as string fragments; a few servers send one whole JSON object instead. */
function argumentFragment(fn: Record<string, unknown> | undefined, slot: ToolCallSlot | undefined): string {
  if (fn === undefined) return '';
  const value = Object.hasOwn(fn, 'arguments') ? fn['arguments'] : undefined;
  if (typeof value === 'string') return value;
  if (isJsonObject(value) && (slot === undefined || slot.arguments.text === '')) return JSON.stringify(value);
  return '';
}

/**
 * The Chat tool-call accumulator rules, shared by the stream decoder and `ChatStreamAccumulator`
 * (docs/protocol/chat-completions.md#reading-upstream-streams): a delta goes to the call with its `index`,
 * else the one with its `id`, else the last call (Ollama sends no index); a repeated identical id or name is
 * tolerated and never concatenated; a different one throws `tool_call_identity_changed`; size, depth and
 * count limits throw `stream_limit_exceeded`.
 */
export class ToolCallSlots {
  readonly #limits: StreamLimits;
  readonly #slots: ToolCallSlot[] = [];
  readonly #byIndex = new Map<number, ToolCallSlot>();
  readonly #byId = new Map<string, ToolCallSlot>();

  constructor(limits: StreamLimits) {
    this.#limits = limits;
  }

  /** Every call so far, in arrival order. */
  get all(): readonly ToolCallSlot[] {
    return this.#slots;
  }

  /** Applies one `delta.tool_calls[]` entry. */
  apply(delta: unknown): ToolCallUpdate {
    if (!isJsonObject(delta)) {
      throw new CoreError({
        code: 'invalid_stream',
        message: 'A `tool_calls` delta entry is not a JSON object.',
      });
    }
    const rawIndex = numberField(delta, 'index');
    const index =
      rawIndex !== undefined && Number.isInteger(rawIndex) && rawIndex >= 0 ? rawIndex : undefined;
    return this.#applyParts(index, nonEmpty(stringField(delta, 'id')), objectField(delta, 'function'));
  }

  /**
   * Applies `{index, function: {arguments: fragment}}` (no `index` member when `hasIndex` is false): a
   * template hit of the stream reader (docs/adr/0012-chat-chunk-templates.md), without building that entry.
   */
  applyFragment(rawIndex: unknown, hasIndex: boolean, fragment: string): ToolCallUpdate {
    const index =
      hasIndex && typeof rawIndex === 'number' && Number.isInteger(rawIndex) && rawIndex >= 0
        ? rawIndex
        : undefined;
    const existing = this.#route(index, undefined);
    const slot = existing ?? this.#create(index);
    if (index === undefined && fragment !== '') this.#refuseAmbiguous(slot);
    slot.arguments.append(fragment);
    return { slot, fragment, created: existing === undefined };
  }

  /** Applies a legacy `delta.function_call` (`{name, arguments}`): a call without index or id. */
  applyLegacy(functionCall: unknown): ToolCallUpdate {
    return this.#applyParts(undefined, undefined, isJsonObject(functionCall) ? functionCall : undefined);
  }

  /** Records an id chosen for a call that arrived without one, so a later different id is rejected. */
  assignId(slot: ToolCallSlot, id: string): void {
    slot.id = id;
    if (!this.#byId.has(id)) this.#byId.set(id, slot);
  }

  #applyParts(
    index: number | undefined,
    id: string | undefined,
    fn: Record<string, unknown> | undefined,
  ): ToolCallUpdate {
    const existing = this.#route(index, id);
    const slot = existing ?? this.#create(index);
    this.#adopt(slot, 'id', id);
    this.#adopt(slot, 'name', nonEmpty(fn === undefined ? undefined : stringField(fn, 'name')));
    const fragment = argumentFragment(fn, existing);
    if (index === undefined && id === undefined && fragment !== '') this.#refuseAmbiguous(slot);
    slot.arguments.append(fragment);
    return { slot, fragment, created: existing === undefined };
  }

  /**
   * A fragment with neither `index` nor `id` belongs to the last call only if every earlier call is
   * finished: an upstream that sends calls one after another closes each call's JSON before the next
   * starts. An earlier call still open means the upstream interleaves calls without saying which one a
   * fragment is for, and guessing would splice two calls' arguments together, so the stream fails instead
   * (docs/protocol/chat-completions.md#reading-upstream-streams).
   */
  #refuseAmbiguous(target: ToolCallSlot): void {
    const open = this.#slots.find((slot) => slot !== target && !slot.arguments.complete);
    if (open === undefined) return;
    throw new CoreError({
      code: 'invalid_stream',
      message:
        `The upstream sent an argument fragment without an index or id while tool call ${open.index ?? open.position} ` +
        `was still incomplete and tool call ${target.index ?? target.position} had started, so the fragment cannot be ` +
        'attributed to its call. The upstream interleaves parallel calls without indexes; retry the request, ' +
        'or set parallel_tool_calls to false for this upstream.',
    });
  }

  #route(index: number | undefined, id: string | undefined): ToolCallSlot | undefined {
    if (index !== undefined) return this.#byIndex.get(index);
    if (id !== undefined) return this.#byId.get(id);
    return this.#slots.at(-1);
  }

  #create(index: number | undefined): ToolCallSlot {
    if (this.#slots.length >= this.#limits.maxToolCalls) {
      throw new CoreError({
        code: 'stream_limit_exceeded',
        message: `The stream has more than ${this.#limits.maxToolCalls} tool calls; raise streamLimits.maxToolCalls to allow more.`,
      });
    }
    const slot: ToolCallSlot = {
      position: this.#slots.length,
      index,
      id: undefined,
      name: undefined,
      arguments: new ArgumentBuffer(this.#limits, `tool call ${index ?? this.#slots.length}`),
    };
    this.#slots.push(slot);
    if (index !== undefined) this.#byIndex.set(index, slot);
    return slot;
  }

  #adopt(slot: ToolCallSlot, field: 'id' | 'name', value: string | undefined): void {
    if (value === undefined) return;
    const current = slot[field];
    if (current === undefined) {
      slot[field] = value;
      if (field === 'id' && !this.#byId.has(value)) this.#byId.set(value, slot);
      return;
    }
    if (current === value) return;
    throw new CoreError({
      code: 'tool_call_identity_changed',
      message:
        `Tool call ${slot.index ?? slot.position} changed its ${field} from ${JSON.stringify(current)} to ` +
        `${JSON.stringify(value)} mid-stream; a call's id and name must stay the same in every delta.`,
    });
  }
}
