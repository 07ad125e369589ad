import { CoreError } from '../errors/core-error.js';

/**
 * The text streamed so far for each part of one item (content or summary index → text), so that a
 * `.done` event or the final item releases only what the deltas did not deliver, and a full text that
 * contradicts the deltas is an error, as contradicting arguments are (docs/open-responses.md#nothing-lost).
 */
export class StreamedText {
  readonly #parts = new Map<number, string>();
  readonly #label: string;

  /** `label` names the item in error messages (`message item 0`). */
  constructor(label: string) {
    this.#label = label;
  }

  /** Records a delta of part `index`. */
  append(index: number, delta: string): void {
    this.#parts.set(index, (this.#parts.get(index) ?? '') + delta);
  }

  /** The text of part `index` so far. */
  get(index: number): string {
    return this.#parts.get(index) ?? '';
  }

  /**
   * The tail a full text adds to what was streamed for part `index` (`''` when nothing), recorded as
   * delivered. Throws `invalid_stream` when the full text does not continue the streamed one: relaying
   * either would hand the client a text the upstream never sent.
   */
  rest(index: number, full: string): string {
    const streamed = this.get(index);
    if (full === streamed) return '';
    if (!full.startsWith(streamed)) {
      throw new CoreError({
        code: 'invalid_stream',
        message: `The final text of ${this.#label} (part ${index}) contradicts its streamed deltas.`,
      });
    }
    this.#parts.set(index, full);
    return full.slice(streamed.length);
  }
}
