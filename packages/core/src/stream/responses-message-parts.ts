import type { CanonicalPassthrough } from '../items/canonical.js';
import type {
  OutputMessage,
  OutputTextPart,
  RefusalPart,
  ResponsesStreamEvent,
} from '../protocol/responses/types.js';

type Events = ResponsesStreamEvent[];
/** Builds one numbered event (the writer's `sequence_number` counter). */
type Emit = (type: string, fields: Record<string, unknown>) => ResponsesStreamEvent;

/** Which kind of part a message's text goes into. */
export type PartKind = 'text' | 'refusal';

/** The message a `ResponsesEventWriter` has open, and its open content part. */
export interface OpenMessage {
  kind: 'message';
  index: number;
  item: OutputMessage;
  part: { index: number; kind: PartKind } | undefined;
}

function emptyPart(kind: PartKind): OutputTextPart | RefusalPart {
  return kind === 'text'
    ? { type: 'output_text', annotations: [], logprobs: [], text: '' }
    : { type: 'refusal', refusal: '' };
}

/** Opens a part of `kind` unless it is the open one (closing the other first): `content_part.added`. */
export function ensurePart(open: OpenMessage, kind: PartKind, emit: Emit): Events {
  if (open.part?.kind === kind) return [];
  const out = closePart(open, emit);
  const part = emptyPart(kind);
  open.part = { index: open.item.content.length, kind };
  open.item.content.push(part);
  out.push(
    emit('response.content_part.added', {
      item_id: open.item.id,
      output_index: open.index,
      content_index: open.part.index,
      part: structuredClone(part),
    }),
  );
  return out;
}

/**
 * Closes the open part: its `.done` events carry its full text (docs/protocol/responses.md#event-order,
 * order A).
 */
export function closePart(open: OpenMessage, emit: Emit): Events {
  const current = open.part;
  const part = current === undefined ? undefined : open.item.content[current.index];
  open.part = undefined;
  if (current === undefined || part === undefined) return [];
  const item_id = open.item.id;
  const output_index = open.index;
  const content_index = current.index;
  const done =
    part.type === 'output_text'
      ? emit('response.output_text.done', {
          item_id,
          output_index,
          content_index,
          text: part.text,
          logprobs: part.logprobs === undefined ? [] : [...part.logprobs],
        })
      : emit('response.refusal.done', { item_id, output_index, content_index, refusal: part.refusal });
  return [
    done,
    emit('response.content_part.done', { item_id, output_index, content_index, part: structuredClone(part) }),
  ];
}

/**
 * Applies the upstream's final item and part fields (`phase`, `annotations`; docs/open-responses.md#nothing-lost)
 * to the open message before its `.done` events; a part keeps its own type.
 */
export function applyFinalFields(
  item: OutputMessage,
  passthrough: CanonicalPassthrough | undefined,
  parts: ReadonlyArray<CanonicalPassthrough | null> | undefined,
): void {
  Object.assign(item, passthrough);
  for (const [index, fields] of (parts ?? []).entries()) {
    const part = item.content[index];
    if (part !== undefined && fields !== null) Object.assign(part, fields, { type: part.type });
  }
}
