const MARKER = Symbol.for('toolbridge.gateway.store-error');

/**
 * What went wrong in the Responses store. The route layer maps these to HTTP (e.g. `broken_chain`
 * → 400 `previous_response_not_found`, `invalid_cursor` → 400 on `after`).
 */
export type StoreErrorCode =
  /** `save` with an id that is already stored. */
  | 'conflict'
  /** An ancestor named by `previousResponseId` is gone (deleted or expired); `responseId` names it. */
  | 'broken_chain'
  /** The chain is longer than `maxDepth` (or loops back on itself). */
  | 'chain_too_long'
  /** `after` names no input item of that response. */
  | 'invalid_cursor'
  /** A record or option the store cannot accept (bad id, item without id, limit out of range). */
  | 'invalid_argument'
  /** `openResponseStore` got a location it cannot use. */
  | 'invalid_location'
  /** The database could not be reached or stayed locked past the timeout; retrying may help. */
  | 'unavailable'
  /** The schema could not be created or is newer than this gateway understands. */
  | 'migration_failed'
  /** A stored row does not decode to a record (manual edits, disk damage). */
  | 'corrupt_record'
  /** The store was used after `close()`. */
  | 'closed'
  /** Any other database failure; `cause` holds the driver's error. */
  | 'backend_error';

/** The one error class of the storage layer: a string `code`, the driver error as `cause`. */
export class StoreError extends Error {
  readonly [MARKER] = true;
  readonly code: StoreErrorCode;
  /** The response the error is about; for `broken_chain`, the missing ancestor. */
  readonly responseId: string | undefined;
  /** The option or field at fault for `invalid_argument`/`invalid_cursor`, e.g. `after`, `inputItems[2].id`. */
  readonly param: string | undefined;

  constructor(options: {
    code: StoreErrorCode;
    message: string;
    cause?: unknown;
    responseId?: string;
    param?: string;
  }) {
    super(options.message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'StoreError';
    this.code = options.code;
    this.responseId = options.responseId;
    this.param = options.param;
  }

  /** Cross-realm check that does not rely on `instanceof`. */
  static isInstance(value: unknown): value is StoreError {
    return typeof value === 'object' && value !== null && MARKER in value;
  }
}
