const MARKER = Symbol.for('toolbridge.core.error');

export type CoreErrorCode =
  | 'invalid_stream'
  | 'stream_limit_exceeded'
  | 'tool_call_identity_changed'
  | 'invalid_schema'
  | 'conversion_failed'
  /** The upstream model produced a call it could not finish (Gemini `MALFORMED_FUNCTION_CALL`). */
  | 'malformed_function_call'
  /** The upstream reported an error inside its answer (e.g. an error object in a Gemini stream). */
  | 'upstream_error';

/** The one error class of `@toolbridge/core`; `code` says what went wrong, `cause` is always kept. */
export class CoreError extends Error {
  readonly [MARKER] = true;
  readonly code: CoreErrorCode;
  readonly path: string | undefined;

  constructor(options: { code: CoreErrorCode; message: string; cause?: unknown; path?: string }) {
    super(options.message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'CoreError';
    this.code = options.code;
    this.path = options.path;
  }

  /** Cross-realm check that does not rely on `instanceof`. */
  static isInstance(value: unknown): value is CoreError {
    return typeof value === 'object' && value !== null && MARKER in value;
  }
}
