import type { OpenAIErrorBody } from '@toolbridge/core';
import { errorCodes, type GatewayErrorCode } from './error-codes.js';

const MARKER = Symbol.for('toolbridge.gateway.error');

export interface GatewayErrorOptions {
  code: GatewayErrorCode;
  message: string;
  cause?: unknown;
  /** The envelope `param`. */
  param?: string | null;
  /** The envelope `code` when it differs from `code` (e.g. an upstream's own code, or OpenAI's `null`). */
  openaiCode?: string | null;
  /** Overrides the table's status (e.g. an upstream 4xx passed through). */
  status?: number;
  /** Overrides the table's `type`. */
  type?: string;
  /** Extra response headers (`retry-after` on 429). */
  headers?: Record<string, string>;
  /**
   * Asking the upstream again may give a usable answer (e.g. a model that produced a malformed call);
   * retried while nothing reached the client. Default false.
   */
  retryable?: boolean;
}

/** The one error class of the gateway; rendered once, at the edge, as the OpenAI error envelope. */
export class GatewayError extends Error {
  readonly [MARKER] = true;
  readonly code: GatewayErrorCode;
  readonly status: number;
  readonly type: string;
  readonly param: string | null;
  readonly openaiCode: string | null;
  readonly headers: Record<string, string>;
  readonly retryable: boolean;

  constructor(options: GatewayErrorOptions) {
    super(options.message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'GatewayError';
    this.code = options.code;
    this.status = options.status ?? errorCodes[options.code].status;
    this.type = options.type ?? errorCodes[options.code].type;
    this.param = options.param ?? null;
    this.openaiCode = options.openaiCode !== undefined ? options.openaiCode : options.code;
    this.headers = options.headers ?? {};
    this.retryable = options.retryable ?? false;
  }

  static isInstance(value: unknown): value is GatewayError {
    return typeof value === 'object' && value !== null && MARKER in value;
  }

  /** The OpenAI error envelope with all four keys (docs/protocol/errors.md#envelope). */
  toBody(): OpenAIErrorBody {
    return { error: { message: this.message, type: this.type, param: this.param, code: this.openaiCode } };
  }
}

/** Converts anything thrown into a GatewayError; unknown errors become a 500 that never leaks internals. */
export function toGatewayError(error: unknown): GatewayError {
  if (GatewayError.isInstance(error)) return error;
  return new GatewayError({
    code: 'internal_error',
    message: 'The gateway failed while handling this request. The error was logged with this request id.',
    cause: error,
  });
}
