import type { ResponseMeta } from './response-object.js';
import { buildResponseObject } from './response-object.js';
import type { ResponsesEventDraft } from './responses-stream-events.js';
import type { UpstreamError } from './upstream-error.js';

const HTTP_ERRORS = new Map<number, Omit<UpstreamError, 'status'>>([
  [
    429,
    {
      message: 'Rate limit reached for requests (scripted upstream #error=429).',
      type: 'requests',
      param: null,
      code: 'rate_limit_exceeded',
      headers: { 'retry-after': '1' },
    },
  ],
  [
    500,
    {
      message: 'The server had an error while processing your request (scripted upstream #error=500).',
      type: 'server_error',
      param: null,
      code: null,
    },
  ],
  [
    503,
    {
      message: 'The engine is currently overloaded, please try again later (scripted upstream #error=503).',
      type: 'server_error',
      param: null,
      code: null,
    },
  ],
]);

const MIDSTREAM_MESSAGE =
  'The model failed while generating this response (scripted upstream #error-midstream).';

/**
 * Failures the `#error=NNN` and `#error-midstream` directives produce, in OpenAI's shapes
 * (docs/protocol/errors.md, and the stream endings of docs/protocol/chat-completions.md#streaming and
 * docs/protocol/responses.md#endings).
 */
export const scriptedFailure = {
  /** The envelope for `#error=NNN`; 429 carries `retry-after: 1`. */
  http(status: number): UpstreamError {
    const known = HTTP_ERRORS.get(status);
    if (known !== undefined) return { status, ...known };
    const server = status >= 500;
    const message = `Scripted upstream error ${status} (#error=${status}).`;
    return {
      status,
      message,
      type: server ? 'server_error' : 'invalid_request_error',
      param: null,
      code: null,
    };
  },

  /** `#quota`: the 429 OpenAI sends when the account's quota is spent (waiting does not help: no retry-after). */
  quota(): UpstreamError {
    return {
      status: 429,
      message:
        'You exceeded your current quota, please check your plan and billing details (scripted upstream #quota).',
      type: 'insufficient_quota',
      param: null,
      code: 'insufficient_quota',
    };
  },

  /** `#error-midstream` on a non-streaming request: the whole request fails with a 500. */
  nonStreaming(): UpstreamError {
    return {
      status: 500,
      message: MIDSTREAM_MESSAGE,
      type: 'server_error',
      param: null,
      code: 'server_error',
    };
  },

  /**
   * The Chat mid-stream error chunk: `data: {"error":{…}}`
   * (docs/protocol/chat-completions.md#streaming, rule 9).
   */
  chatFrame(): string {
    const error = { message: MIDSTREAM_MESSAGE, type: 'server_error', param: null, code: 'server_error' };
    return `data: ${JSON.stringify({ error })}\n\n`;
  },

  /**
   * The Responses failure tail: an `error` event (nested, with flat mirrors) then `response.failed`
   * (docs/protocol/responses.md#endings).
   */
  responsesDrafts(meta: ResponseMeta): ResponsesEventDraft[] {
    const error = { type: 'server_error', code: 'server_error', message: MIDSTREAM_MESSAGE, param: null };
    const failed = buildResponseObject(meta, {
      status: 'failed',
      output: [],
      usage: null,
      error: { code: 'server_error', message: MIDSTREAM_MESSAGE },
    });
    return [
      { type: 'error', error, code: error.code, message: error.message, param: null },
      { type: 'response.failed', response: failed },
    ];
  },
};
