import { type CanonicalItem, isReasoningBlob } from '@toolbridge/core';

/**
 * Reasoning items as a stateless Responses upstream can read them back. The gateway keeps the
 * conversation and sends the upstream `store: false`, so the upstream keeps nothing: a reasoning
 * item it is sent is read from its `encrypted_content` alone, and one without it is looked up by id,
 * found nowhere, and the whole request refused (OpenAI: 404 "Item with id 'rs_…' not found. Items are
 * not persisted when `store` is set to false"). So each reasoning item goes as its encrypted
 * content and summary only (no id, which would be looked up; no reasoning text, which the upstream
 * does not take back), and one without encrypted content — made from another upstream's reasoning
 * text, stored before the gateway asked for it, or a client's own — is left out and counted.
 * Toolbridge's own blobs (`tb1.…`, another upstream's state) are left out too.
 */
export function statelessReasoningItems(items: readonly CanonicalItem[]): {
  items: CanonicalItem[];
  dropped: number;
} {
  const out: CanonicalItem[] = [];
  let dropped = 0;
  for (const item of items) {
    if (item.type !== 'reasoning') {
      out.push(item);
      continue;
    }
    const encrypted = item.raw['encrypted_content'];
    if (typeof encrypted !== 'string' || encrypted === '' || isReasoningBlob(encrypted)) {
      dropped += 1;
      continue;
    }
    const summary = item.raw['summary'];
    out.push({
      type: 'reasoning',
      raw: {
        type: 'reasoning',
        summary: Array.isArray(summary) ? summary : [],
        encrypted_content: encrypted,
      },
    });
  }
  return { items: out, dropped };
}

/** The adjustment note for reasoning items {@link statelessReasoningItems} left out. */
export function droppedReasoningNote(dropped: number): string {
  const items = `${dropped} reasoning item${dropped === 1 ? '' : 's'}`;
  return `dropped ${items} the upstream cannot read back: it keeps no state (the gateway sends store: false) and reads reasoning only from encrypted_content of its own`;
}
