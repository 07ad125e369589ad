import { type CanonicalItem, isReasoningBlob } from '@toolbridge/core';

/** The `include` value that asks a Responses upstream for each reasoning item's `encrypted_content`. */
export const ENCRYPTED_REASONING_INCLUDE = 'reasoning.encrypted_content';

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
  return `dropped ${dropped} reasoning item${dropped === 1 ? '' : 's'} without encrypted_content: the upstream keeps no state (the gateway sends store: false) and could not read ${dropped === 1 ? 'it' : 'them'} back`;
}

/** `include` with {@link ENCRYPTED_REASONING_INCLUDE} added (a new array; the client's is not changed). */
export function withEncryptedReasoning(include: unknown): unknown[] {
  const asked = Array.isArray(include) ? include : [];
  return asked.includes(ENCRYPTED_REASONING_INCLUDE) ? asked : [...asked, ENCRYPTED_REASONING_INCLUDE];
}

/** How many refusing models a provider remembers (prefix routes let clients name any model). */
const MAX_LEARNED_MODELS = 1_000;

/**
 * The models of one provider that refused `include: ["reasoning.encrypted_content"]` (models without
 * reasoning: OpenAI answers 400 "Encrypted content is not supported with this model", param
 * `include`), learned from that refusal so each costs one refused request per process. Bounded: the
 * oldest is forgotten first, and at worst asked once more.
 */
export class EncryptedReasoningRefusals {
  readonly #models = new Set<string>();

  has(model: string): boolean {
    return this.#models.has(model);
  }

  /** True (and remembered) when `error` is that refusal for `model`, not yet known. */
  learn(error: { status: number; param: string | null; message: string }, model: string): boolean {
    if (error.status !== 400 || error.param !== 'include' || !/encrypted content/i.test(error.message))
      return false;
    if (this.#models.has(model)) return false;
    if (this.#models.size >= MAX_LEARNED_MODELS) {
      const oldest = this.#models.values().next();
      if (oldest.done !== true) this.#models.delete(oldest.value);
    }
    this.#models.add(model);
    return true;
  }
}
