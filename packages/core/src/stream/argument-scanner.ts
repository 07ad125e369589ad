const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;

function isWhitespace(code: number): boolean {
  return code === 0x20 || code === 0x0a || code === 0x0d || code === 0x09;
}

/**
 * Follows streamed JSON arguments fragment by fragment without parsing them, to learn two things
 * cheaply: the deepest nesting so far (a depth bomb is refused before it is ever parsed) and whether
 * a top-level object, array or string has closed, which is how the Chat decoder tells that a call of
 * an interleaving upstream is finished (nothing valid can follow a closed top-level value).
 */
export class ArgumentScanner {
  #depth = 0;
  #maxDepth = 0;
  #inString = false;
  #escaped = false;
  #closed = false;

  /** Deepest container nesting seen (`{}` is 1), counted outside strings. */
  get maxDepth(): number {
    return this.#maxDepth;
  }

  /** True once a top-level object, array or string has closed and only whitespace followed. */
  get complete(): boolean {
    return this.#closed;
  }

  /** Feeds the next fragment of the argument text. */
  push(fragment: string): void {
    for (let index = 0; index < fragment.length; index++) {
      this.#step(fragment.charCodeAt(index));
    }
  }

  #step(code: number): void {
    if (this.#inString) {
      if (this.#escaped) this.#escaped = false;
      else if (code === BACKSLASH) this.#escaped = true;
      else if (code === QUOTE) {
        this.#inString = false;
        if (this.#depth === 0) this.#closed = true;
      }
      return;
    }
    if (isWhitespace(code)) return;
    this.#closed = false;
    if (code === QUOTE) {
      this.#inString = true;
    } else if (code === OPEN_BRACE || code === OPEN_BRACKET) {
      this.#depth += 1;
      if (this.#depth > this.#maxDepth) this.#maxDepth = this.#depth;
    } else if (code === CLOSE_BRACE || code === CLOSE_BRACKET) {
      // A stray closer cannot make the depth negative; the arguments are invalid JSON either way.
      if (this.#depth > 0) this.#depth -= 1;
      if (this.#depth === 0) this.#closed = true;
    }
  }
}
