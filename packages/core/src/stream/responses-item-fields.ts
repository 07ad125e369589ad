import { interpretedFields, passthroughOf } from '../convert/passthrough.js';
import type { CanonicalPassthrough } from '../items/canonical.js';
import { isJsonObject } from '../json/get-own.js';
import { withFields as spreadWith } from '../json/with-fields.js';
import type { CanonicalStreamEvent } from './canonical-stream-event.js';
import { arrayField, stringField } from './wire-fields.js';

type WireObject = Record<string, unknown>;

/** Adds the upstream's item id to a start event when it sent one. */
export function withItemId<T extends CanonicalStreamEvent>(event: T, itemId: string | undefined): T {
  return itemId === undefined ? event : (spreadWith(event, { itemId }) as T);
}

/** Adds pass-through fields to an item event when there are any (docs/open-responses.md#nothing-lost). */
export function withFields<T extends CanonicalStreamEvent>(
  event: T,
  passthrough: CanonicalPassthrough | undefined,
): T {
  return passthrough === undefined ? event : (spreadWith(event, { passthrough }) as T);
}

/** Per content index, the pass-through fields of a final message item's parts (annotations, logprobs). */
export function partFields(item: WireObject): Array<CanonicalPassthrough | null> | undefined {
  const content = arrayField(item, 'content') ?? [];
  let any = false;
  const parts = content.map((part) => {
    if (!isJsonObject(part)) return null;
    const isRefusal = stringField(part, 'type') === 'refusal';
    const rest = passthroughOf(part, isRefusal ? interpretedFields.refusalPart : interpretedFields.textPart);
    if (rest !== undefined) any = true;
    return rest ?? null;
  });
  return any ? parts : undefined;
}

/**
 * The event that ends an item, with the upstream's final fields on it: `reasoning-end` with the finished
 * reasoning item, `tool-call-end` with the complete `args`, or `text-end` with the item's and its parts'
 * pass-through fields.
 */
export function endEvent(
  kind: 'reasoning' | 'call' | 'message',
  item: WireObject,
  args: string,
): CanonicalStreamEvent {
  if (kind === 'reasoning') return { type: 'reasoning-end', item };
  if (kind === 'call') {
    return withFields(
      { type: 'tool-call-end', arguments: args },
      passthroughOf(item, interpretedFields.functionCall),
    );
  }
  const end = withFields({ type: 'text-end' as const }, passthroughOf(item, interpretedFields.message));
  const parts = partFields(item);
  return parts === undefined ? end : spreadWith(end, { parts });
}
