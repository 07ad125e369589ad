import { CoreError } from '../errors/core-error.js';
import { ArgumentScanner } from './argument-scanner.js';
import type { StreamLimits } from './stream-limits.js';

/**
 * The argument text of one streamed call, with the byte and depth limits checked on every fragment
 * (wire data is hostile), so a hostile upstream is stopped before anything parses its arguments.
 */
export class ArgumentBuffer {
  readonly #limits: StreamLimits;
  readonly #label: string;
  readonly #scanner = new ArgumentScanner();
  #text = '';
  #bytes = 0;

  /** `label` names the call in error messages (`tool call 1`). */
  constructor(limits: StreamLimits, label: string) {
    this.#limits = limits;
    this.#label = label;
  }

  /** The arguments received so far. */
  get text(): string {
    return this.#text;
  }

  /** True once the top-level JSON value has closed (see `ArgumentScanner.complete`). */
  get complete(): boolean {
    return this.#scanner.complete;
  }

  /** The arguments as a finished call reports them: `""` from the model becomes `"{}"`. */
  get final(): string {
    return this.#text.trim() === '' ? '{}' : this.#text;
  }

  /** Appends a fragment; throws `stream_limit_exceeded` past the byte or depth limit. */
  append(fragment: string): void {
    if (fragment === '') return;
    this.#bytes += Buffer.byteLength(fragment, 'utf8');
    if (this.#bytes > this.#limits.maxArgumentBytes) {
      throw new CoreError({
        code: 'stream_limit_exceeded',
        message: `The arguments of ${this.#label} exceed ${this.#limits.maxArgumentBytes} bytes; raise streamLimits.maxArgumentBytes to allow more.`,
      });
    }
    this.#scanner.push(fragment);
    if (this.#scanner.maxDepth > this.#limits.maxArgumentDepth) {
      throw new CoreError({
        code: 'stream_limit_exceeded',
        message: `The arguments of ${this.#label} nest deeper than ${this.#limits.maxArgumentDepth} levels; raise streamLimits.maxArgumentDepth to allow more.`,
      });
    }
    this.#text += fragment;
  }
}
