import type { JsonObject } from '../items/canonical.js';
import type { CanonicalStreamEvent, ReasoningTarget } from './canonical-stream-event.js';
import { StreamedText } from './streamed-text.js';
import { numberField, objectField, stringField } from './wire-fields.js';

type Events = CanonicalStreamEvent[];
type WireObject = Record<string, unknown>;

/** The reasoning stream events an upstream sends, by wire type: which part list and which step. */
const REASONING_EVENTS: ReadonlyMap<
  string,
  { target: ReasoningTarget; step: 'added' | 'delta' | 'text' | 'done' }
> = new Map([
  ['response.reasoning_summary_part.added', { target: 'summary', step: 'added' }],
  ['response.reasoning_summary_text.delta', { target: 'summary', step: 'delta' }],
  ['response.reasoning_summary_text.done', { target: 'summary', step: 'text' }],
  ['response.reasoning_summary_part.done', { target: 'summary', step: 'done' }],
  ['response.reasoning_text.delta', { target: 'content', step: 'delta' }],
  ['response.reasoning_text.done', { target: 'content', step: 'text' }],
  // Open Responses' names for the raw reasoning text events.
  ['response.reasoning.delta', { target: 'content', step: 'delta' }],
  ['response.reasoning.done', { target: 'content', step: 'text' }],
  ['response.content_part.added', { target: 'content', step: 'added' }],
  ['response.content_part.done', { target: 'content', step: 'done' }],
]);

/** True for the wire events that {@link ReasoningStream} reads (content-part events only on reasoning items). */
export function isReasoningEvent(type: string): boolean {
  return REASONING_EVENTS.has(type);
}

/**
 * The streamed summary and raw-content parts of one reasoning item, turned into canonical
 * `reasoning-part` / `reasoning-delta` events so a Responses client sees the upstream's
 * `response.reasoning_summary_*` events (docs/open-responses.md#reasoning-summaries). Text from `.done`
 * events that the deltas did not carry is released as one delta; a contradiction is an error.
 */
export class ReasoningStream {
  readonly #summary: StreamedText;
  readonly #content: StreamedText;

  constructor(label: string) {
    this.#summary = new StreamedText(`${label} summary`);
    this.#content = new StreamedText(`${label} content`);
  }

  /** Canonical events for one reasoning wire event (see {@link isReasoningEvent}). */
  read(type: string, event: WireObject): Events {
    const kind = REASONING_EVENTS.get(type);
    if (kind === undefined) return [];
    const { target, step } = kind;
    const index = numberField(event, target === 'summary' ? 'summary_index' : 'content_index') ?? 0;
    const text = target === 'summary' ? this.#summary : this.#content;
    switch (step) {
      case 'added':
        return [{ type: 'reasoning-part', target, index, state: 'added', part: partOf(event, target) }];
      case 'delta': {
        const delta = stringField(event, 'delta') ?? '';
        if (delta === '') return [];
        text.append(index, delta);
        return [{ type: 'reasoning-delta', target, index, delta }];
      }
      case 'text':
        return restOf(text, target, index, stringField(event, 'text'));
      case 'done': {
        const part = partOf(event, target);
        const out = restOf(text, target, index, stringField(part, 'text'));
        out.push({ type: 'reasoning-part', target, index, state: 'done', part });
        return out;
      }
    }
  }
}

function partOf(event: WireObject, target: ReasoningTarget): JsonObject {
  return (
    objectField(event, 'part') ?? { type: target === 'summary' ? 'summary_text' : 'reasoning_text', text: '' }
  );
}

function restOf(
  text: StreamedText,
  target: ReasoningTarget,
  index: number,
  full: string | undefined,
): Events {
  if (full === undefined) return [];
  const delta = text.rest(index, full);
  return delta === '' ? [] : [{ type: 'reasoning-delta', target, index, delta }];
}
