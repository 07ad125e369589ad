import { interpretedFields, passthroughOf } from '../convert/passthrough.js';
import type { CanonicalPassthrough } from '../items/canonical.js';
import { isJsonObject } from '../json/get-own.js';
import type { CanonicalStreamEvent } from './canonical-stream-event.js';
import { arrayField, stringField } from './wire-fields.js';

type WireObject = Record<string, unknown>;

/** Adds the upstream's item id to a start event when it sent one. */
export function withItemId<T extends CanonicalStreamEvent>(event: T, itemId: string | undefined): T {
  return itemId === undefined ? event : { ...event, itemId };
}

/** Adds pass-through fields to an item event when there are any (docs/open-responses.md#nothing-lost). */
export function withFields<T extends CanonicalStreamEvent>(
  event: T,
  passthrough: CanonicalPassthrough | undefined,
): T {
  return passthrough === undefined ? event : { ...event, passthrough };
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
