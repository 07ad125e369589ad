/**
 * Asking a Responses server for reasoning state it can read back without keeping anything
 * (`store: false`): the `include` value, and what a model without reasoning answers to it.
 */

/** The `include` value that asks a Responses upstream for each reasoning item's `encrypted_content`. */
export const ENCRYPTED_REASONING_INCLUDE = 'reasoning.encrypted_content';

/** `include` with {@link ENCRYPTED_REASONING_INCLUDE} in it; the array given is never changed. */
export function withEncryptedReasoning(include: unknown): unknown[] {
  const asked = Array.isArray(include) ? include : [];
  return asked.includes(ENCRYPTED_REASONING_INCLUDE) ? asked : [...asked, ENCRYPTED_REASONING_INCLUDE];
}

/** How many refusing models are remembered (a gateway's prefix routes let clients name any model). */
const MAX_LEARNED_MODELS = 1_000;

/**
 * The models of one server that refused `include: ["reasoning.encrypted_content"]` (models without
 * reasoning: OpenAI answers 400 "Encrypted content is not supported with this model", param
 * `include`), learned from that refusal so each costs one refused request per process. Bounded: the
 * oldest is forgotten first, and at worst asked once more. Used by the gateway's Responses upstreams
 * and the client runtime's Responses transport.
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
