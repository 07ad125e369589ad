// Snapshots of changing parts: klona, as in responses-event-writer.ts (which says why).
import { klona } from 'klona/json';
import type { JsonObject } from '../items/canonical.js';
import type { ResponsesStreamEvent } from '../protocol/responses/types.js';
import type { ReasoningTarget } from './canonical-stream-event.js';

type Events = ResponsesStreamEvent[];
/** Builds one numbered event (the writer's `sequence_number` counter). */
type Emit = (type: string, fields: Record<string, unknown>) => ResponsesStreamEvent;

interface PartState {
  part: JsonObject;
  open: boolean;
}

/** Wire names of the reasoning events, per part list (OpenAI's, which the SDK helpers know). */
const NAMES = {
  summary: {
    list: 'summary',
    index: 'summary_index',
    added: 'response.reasoning_summary_part.added',
    delta: 'response.reasoning_summary_text.delta',
    text: 'response.reasoning_summary_text.done',
    done: 'response.reasoning_summary_part.done',
    partType: 'summary_text',
  },
  content: {
    list: 'content',
    index: 'content_index',
    added: 'response.content_part.added',
    delta: 'response.reasoning_text.delta',
    text: 'response.reasoning_text.done',
    done: 'response.content_part.done',
    partType: 'reasoning_text',
  },
} as const;

/**
 * The events of one streamed reasoning item (docs/open-responses.md#reasoning-summaries): its summary and
 * raw-content parts open, grow by deltas and close with their full text, the way OpenAI streams them; a
 * part the upstream never opened is opened before its first delta, and parts left open are closed when
 * the item ends. The `ResponsesEventWriter` owns the item's place in the output and its added/done events.
 */
export class ReasoningItemWriter {
  readonly item: JsonObject;
  readonly #where: { item_id: string; output_index: number };
  readonly #parts: Record<ReasoningTarget, Map<number, PartState>> = {
    summary: new Map(),
    content: new Map(),
  };

  constructor(item: JsonObject, itemId: string, outputIndex: number) {
    this.item = item;
    this.#where = { item_id: itemId, output_index: outputIndex };
  }

  /** A part opens (`added`) or is complete (`done`). */
  part(
    emit: Emit,
    target: ReasoningTarget,
    index: number,
    state: 'added' | 'done',
    part: JsonObject,
  ): Events {
    if (state === 'added') return this.#open(emit, target, index, part);
    const out = this.#open(emit, target, index, part);
    const current = this.#parts[target].get(index);
    if (current?.open) out.push(...this.#close(emit, target, index, current));
    return out;
  }

  /** A text fragment of a part. */
  delta(emit: Emit, target: ReasoningTarget, index: number, delta: string): Events {
    const names = NAMES[target];
    const out = this.#open(emit, target, index, { type: names.partType, text: '' });
    const state = this.#parts[target].get(index);
    if (state === undefined) return out;
    state.part['text'] = `${typeof state.part['text'] === 'string' ? state.part['text'] : ''}${delta}`;
    out.push(
      emit(names.delta, {
        item_id: this.#where.item_id,
        output_index: this.#where.output_index,
        [names.index]: index,
        delta,
      }),
    );
    return out;
  }

  /** Closes the parts still open, before the item's `output_item.done`. */
  closeAll(emit: Emit): Events {
    const out: Events = [];
    for (const target of ['summary', 'content'] as const) {
      for (const [index, state] of this.#parts[target])
        if (state.open) out.push(...this.#close(emit, target, index, state));
    }
    return out;
  }

  #open(emit: Emit, target: ReasoningTarget, index: number, part: JsonObject): Events {
    const parts = this.#parts[target];
    if (parts.has(index)) return [];
    const names = NAMES[target];
    const state: PartState = { part: { type: names.partType, text: '', ...part }, open: true };
    parts.set(index, state);
    const list = Array.isArray(this.item[names.list]) ? (this.item[names.list] as unknown[]) : [];
    list[index] = state.part;
    this.item[names.list] = list;
    return [
      emit(names.added, {
        item_id: this.#where.item_id,
        output_index: this.#where.output_index,
        [names.index]: index,
        part: klona(state.part),
      }),
    ];
  }

  #close(emit: Emit, target: ReasoningTarget, index: number, state: PartState): Events {
    const names = NAMES[target];
    state.open = false;
    const { item_id, output_index } = this.#where;
    const text = typeof state.part['text'] === 'string' ? state.part['text'] : '';
    return [
      emit(names.text, { item_id, output_index, [names.index]: index, text }),
      emit(names.done, { item_id, output_index, [names.index]: index, part: klona(state.part) }),
    ];
  }
}
