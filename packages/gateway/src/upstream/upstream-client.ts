import type { IncomingHttpHeaders } from 'node:http';
import { type Dispatcher, Pool, errors as undiciErrors } from 'undici';
import type { ProviderConfig } from '../config/gateway-config.js';
import { gatewayDefaults } from '../defaults.js';
import { GatewayError } from '../errors/gateway-error.js';
import { pause, type RequestAbort } from '../http/request-abort.js';
import { createRedactor, providerSecrets, type Redact, redactUrl } from '../logging/redact-secrets.js';
import { type RequestTrace, traceRetry } from '../logging/request-trace.js';
import type { ProviderCodec } from '../providers/provider-codec.js';
import { mapUpstreamError } from './map-upstream-error.js';
import { retryDelayMs } from './retry-delay.js';
import { StreamingBody } from './streaming-body.js';
import type { DispatchedReply, TextReply, UpstreamBody, UpstreamTape } from './upstream-exchange.js';

/** A 2xx upstream reply whose body has not been read yet. */
export interface UpstreamReply {
  status: number;
  headers: IncomingHttpHeaders;
  body: UpstreamBody;
  /** How many retries it took. */
  retries: number;
  /** `performance.now()` when the response headers arrived (absent for a replayed cassette). */
  headersAt?: number;
}

type Attempt<Reply> =
  | { reply: Reply; headersAt?: number | undefined }
  | {
      error: GatewayError;
      retryable: boolean;
      headers: Record<string, string | string[] | undefined>;
      /** For the retry's debug line: the HTTP status and upstream code, or the network error's code. */
      reason?: string;
      /** Upstream HTTP status; 0 when no answer arrived (a network failure). */
      status?: number;
      /** `performance.now()` when the response headers arrived, if they did. */
      headersAt?: number | undefined;
      /** A stream that failed before its first event (its headers were a 2xx). */
      streamFailed?: boolean;
    };

/** What the upstream client reports of each attempt (the caller adds provider and model). */
export interface AttemptReport {
  attempt: number;
  startedAt: number;
  durationMs: number;
  ttfbMs: number | null;
  status: number;
  outcome: 'ok' | 'retried' | 'failed';
  reason: string | null;
}

export interface UpstreamSendOptions {
  /** Path (and query) from the codec, appended to the provider's base path. */
  path: string;
  body: string;
  stream: boolean;
  signal: RequestAbort;
  requestId: string;
  /** Where retries are counted and explained (the request's context). */
  trace?: RequestTrace;
  /** Told of every attempt once it settled (metrics, traces, the trace viewer; docs/observability.md). */
  onAttempt?: ((report: AttemptReport) => void) | undefined;
}

/** 529 is Anthropic's "overloaded" (docs/protocol/anthropic.md §11), retried like a 503. */
const RETRYABLE_STATUS = new Set([429, 500, 502, 503, 504, 529]);
const RETRYABLE_NETWORK = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'UND_ERR_SOCKET',
  'UND_ERR_CONNECT_TIMEOUT',
]);
const MAX_ERROR_BODY = 64 * 1024;

/** A retry delay found in the error body becomes `retry-after(-ms)` unless the upstream sent the headers. */
function withBodyRetryDelay(
  headers: IncomingHttpHeaders,
  retryAfterMs: number | null | undefined,
): Record<string, string | string[] | undefined> {
  if (retryAfterMs === null || retryAfterMs === undefined || headers['retry-after'] !== undefined)
    return headers;
  return {
    ...headers,
    'retry-after': String(Math.ceil(retryAfterMs / 1000)),
    'retry-after-ms': String(retryAfterMs),
  };
}

/** A bounded label for why an attempt failed (metrics use it as a label value). */
function failureReason(outcome: Exclude<Attempt<unknown>, { reply: unknown }>): string {
  if (outcome.streamFailed) return 'stream_error';
  const status = outcome.status ?? 0;
  if (status === 429) return 'rate_limited';
  if (status >= 500) return 'server_error';
  if (status >= 400) return 'client_error';
  return outcome.error.code === 'upstream_timeout' ? 'timeout' : 'network';
}

function networkCode(error: unknown): string {
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' ? code : '';
}

/**
 * HTTP client for one upstream: an undici keep-alive pool, connect / first-byte / idle timeouts, and
 * retries with backoff. It only retries before returning a reply, so nothing reached the client yet.
 */
export class UpstreamClient {
  private readonly pool: Pool;
  private readonly basePath: string;
  /** Masks this provider's credentials in any text that may reach a client or a log line. */
  readonly redact: Redact;

  /**
   * `tape` records or replays every exchange (docs/cassettes.md); all upstream traffic passes
   * through `attempt`, so this is the only place that needs to know about it.
   */
  constructor(
    private readonly provider: ProviderConfig,
    private readonly codec: Pick<ProviderCodec, 'authHeaders' | 'readError'>,
    private readonly tape: UpstreamTape | null = null,
  ) {
    const url = new URL(provider.baseUrl);
    this.redact = createRedactor(providerSecrets(provider));
    this.basePath = url.pathname.replace(/\/+$/, '');
    this.pool = new Pool(url.origin, {
      connections: gatewayDefaults.upstream.connections,
      connect: { timeout: provider.timeouts.connectMs },
      keepAliveTimeout: 30_000,
    });
  }

  private headers(options: UpstreamSendOptions): Record<string, string> {
    return {
      'content-type': 'application/json',
      accept: options.stream ? 'text/event-stream' : 'application/json',
      'user-agent': 'toolbridge',
      'x-request-id': options.requestId,
      ...(this.provider.apiKey !== null ? this.codec.authHeaders(this.provider.apiKey) : {}),
      ...this.provider.headers,
    };
  }

  /**
   * Sends one streaming request and hands the 2xx reply, body unread, to `start`, which reads as
   * much as it needs to tell a good stream (→ `value`) from one that failed before anything reached
   * the client (→ `error`, after destroying the body). Such a failure is retried like an HTTP error:
   * this loop owns the backoff and the count for both. Throws a GatewayError when out of retries.
   */
  async send<T>(
    options: UpstreamSendOptions,
    start: (reply: UpstreamReply) => Promise<{ value: T } | { error: GatewayError }>,
  ): Promise<{ value: T; retries: number }> {
    return this.withRetries(options, async () => {
      const outcome = await this.attempt(options, true);
      if (!('reply' in outcome)) return outcome;
      const dispatched = outcome.reply as Exclude<DispatchedReply, TextReply>;
      // Written out, not spread: see withRetries.
      const reply: UpstreamReply = {
        status: dispatched.status,
        headers: dispatched.headers,
        body: dispatched.body,
        retries: 0,
      };
      if (dispatched.headersAt !== undefined) reply.headersAt = dispatched.headersAt;
      const started = await start(reply);
      const { status } = outcome.reply;
      const headersAt = outcome.reply.headersAt;
      if ('error' in started) {
        const reason = `stream failed before its first event (${started.error.code})`;
        return {
          error: started.error,
          retryable: true,
          headers: {},
          reason,
          status,
          headersAt,
          streamFailed: true,
        };
      }
      return { reply: { value: started.value }, headersAt };
    });
  }

  /**
   * Sends one request, reads its whole body (non-streaming turns) and hands the 2xx text to
   * `decode`. A failure while reading the body is retried like one before it (nothing has reached
   * the client yet), and so is an answer `decode` rejects with a `retryable` GatewayError (a model
   * that failed to produce a call): this loop owns the backoff and the count for all of them.
   */
  sendForText<T>(
    options: UpstreamSendOptions,
    decode: (text: string) => T,
  ): Promise<{ value: T; retries: number }> {
    return this.withRetries(options, async () => {
      const outcome = await this.attempt(options, false);
      if (!('reply' in outcome)) return outcome;
      const { status, headersAt } = outcome.reply;
      try {
        return { reply: { value: decode((outcome.reply as TextReply).text) }, headersAt };
      } catch (error) {
        if (!GatewayError.isInstance(error) || !error.retryable) throw error;
        const reason = `unusable answer (${error.code})`;
        return { error, retryable: true, headers: {}, reason, status, headersAt };
      }
    });
  }

  private async withRetries<T>(
    options: UpstreamSendOptions,
    attemptOnce: () => Promise<Attempt<{ value: T }>>,
  ): Promise<{ value: T; retries: number }> {
    for (let attempt = 0; ; attempt++) {
      const startedAt = performance.now();
      const outcome = await attemptOnce();
      if ('reply' in outcome) {
        options.onAttempt?.(attemptReport(attempt, startedAt, outcome, 'ok'));
        // Written out, not `{ ...outcome.reply, retries }`: on Node 20 an object spread followed by
        // more properties sends every such object to the old generation (docs/adr/0014-memory-under-load.md).
        return { value: outcome.reply.value, retries: attempt };
      }
      const canRetry = attempt < this.provider.retries && outcome.retryable && !options.signal.aborted;
      const delay = canRetry ? retryDelayMs({ attempt, headers: outcome.headers }) : null;
      options.onAttempt?.(attemptReport(attempt, startedAt, outcome, delay === null ? 'failed' : 'retried'));
      if (delay === null) throw outcome.error;
      traceRetry(options.trace, {
        provider: this.provider.name,
        attempt: attempt + 1,
        delayMs: delay,
        reason: outcome.reason ?? outcome.error.code,
      });
      await pause(delay, options.signal);
      if (options.signal.aborted) throw outcome.error;
    }
  }

  /**
   * Sends the request through undici, or through the tape when recording or replaying
   * (docs/cassettes.md). Without a tape no closure is made: this runs on every upstream request.
   */
  private exchange(options: UpstreamSendOptions, stream: boolean): Promise<DispatchedReply> {
    if (this.tape === null) return this.dispatch(options, stream);
    return this.tape.exchange(
      { path: options.path, body: options.body, stream, signal: options.signal },
      () => this.dispatch(options, stream),
    );
  }

  private dispatch(options: UpstreamSendOptions, stream: boolean): Promise<DispatchedReply> {
    return dispatchReply(
      this.pool,
      {
        path: this.basePath + options.path,
        method: 'POST',
        headers: this.headers(options),
        body: options.body,
        headersTimeout: this.provider.timeouts.firstByteMs,
        bodyTimeout: this.provider.timeouts.idleMs,
        signal: options.signal,
      },
      stream,
    );
  }

  /**
   * One attempt through undici's `dispatch` (see `dispatchReply`): a 2xx is the reply — its body
   * unread when `stream`, else its whole text — and anything else is a mapped error, retryable or not.
   * A failure while reading a non-streaming body counts as a failed attempt: nothing reached the client.
   */
  private async attempt(options: UpstreamSendOptions, stream: boolean): Promise<Attempt<DispatchedReply>> {
    try {
      const reply = await this.exchange(options, stream);
      if (reply.status >= 200 && reply.status < 300) return { reply, headersAt: reply.headersAt };
      const fields = this.codec.readError('text' in reply ? reply.text : '');
      const status = fields.status ?? reply.status;
      const headers = withBodyRetryDelay(reply.headers, fields.retryAfterMs);
      return {
        status: reply.status,
        headersAt: reply.headersAt,
        error: mapUpstreamError({
          provider: this.provider.name,
          status,
          fields,
          headers,
          redact: this.redact,
        }),
        // A spent quota is a 429 too, but waiting does not refill it.
        retryable: RETRYABLE_STATUS.has(status) && fields.code !== 'insufficient_quota',
        headers,
        reason: `HTTP ${status}${fields.code !== null ? ` ${fields.code}` : ''}`,
      };
    } catch (error) {
      return {
        error: this.networkError(error, options.signal),
        retryable: RETRYABLE_NETWORK.has(networkCode(error)),
        headers: {},
        reason: networkCode(error) || (error instanceof Error ? error.name : 'network error'),
      };
    }
  }

  /** Maps a transport failure; a timeout says which limit was hit. */
  networkError(error: unknown, signal?: RequestAbort): GatewayError {
    const name = this.provider.name;
    if (signal?.aborted) {
      return new GatewayError({ code: 'upstream_error', message: 'The request was aborted.', cause: error });
    }
    // Our own verdicts (an answer over the size limit) come back through undici as the abort reason.
    if (GatewayError.isInstance(error)) return error;
    if (error instanceof undiciErrors.HeadersTimeoutError) {
      return new GatewayError({
        code: 'upstream_timeout',
        message: `Upstream '${name}' sent no response within ${this.provider.timeouts.firstByteMs} ms.`,
        cause: error,
      });
    }
    if (error instanceof undiciErrors.BodyTimeoutError) {
      return new GatewayError({
        code: 'upstream_timeout',
        message: `Upstream '${name}' stalled: no data for ${this.provider.timeouts.idleMs} ms.`,
        cause: error,
      });
    }
    if (error instanceof undiciErrors.ConnectTimeoutError) {
      return new GatewayError({
        code: 'upstream_timeout',
        message: `Could not connect to upstream '${name}' within ${this.provider.timeouts.connectMs} ms.`,
        cause: error,
      });
    }
    const reason = this.redact((error as Error).message || networkCode(error));
    return new GatewayError({
      code: 'upstream_unreachable',
      message: `Upstream '${name}' (${redactUrl(this.provider.baseUrl)}) is unreachable: ${reason}.`,
      cause: error,
    });
  }

  async close(): Promise<void> {
    await this.pool.close();
    await this.tape?.close();
  }

  /** Aborts every in-flight request and closes the sockets (shutdown past the grace period). */
  async destroy(): Promise<void> {
    await this.pool.destroy();
  }
}

function attemptReport(
  attempt: number,
  startedAt: number,
  outcome: Attempt<unknown>,
  result: AttemptReport['outcome'],
): AttemptReport {
  const failed = 'reply' in outcome ? null : outcome;
  const { headersAt } = outcome;
  return {
    attempt,
    startedAt,
    durationMs: performance.now() - startedAt,
    ttfbMs: headersAt === undefined ? null : headersAt - startedAt,
    status: failed === null ? 200 : (failed.status ?? 0),
    outcome: result,
    reason: failed === null ? null : failureReason(failed),
  };
}

type DispatchOptions = Dispatcher.DispatchOptions & { signal: RequestAbort };

/**
 * Dispatches one request through undici's handler API (no Readable stream, no body consumer per
 * request; see {@link StreamingBody} for why). Resolves with the 2xx body unread when `stream` is set
 * (as soon as the headers arrive), otherwise once the body is complete: the whole text of a 2xx, at
 * most MAX_ERROR_BODY characters of any other. `signal` aborts the request (the client went away).
 */
function dispatchReply(
  pool: Pool,
  { signal, ...request }: DispatchOptions,
  stream: boolean,
  maxResponseBytes: number = gatewayDefaults.upstream.maxResponseBytes,
): Promise<DispatchedReply> {
  return new Promise((resolve, reject) => {
    let status = 0;
    let headersAt = 0;
    let headers: IncomingHttpHeaders = {};
    const chunks: Buffer[] = [];
    let size = 0;
    let body: StreamingBody | undefined;
    // undici may start a request more than once (a retried pipeline head): abort the current start.
    let current: Dispatcher.DispatchController | undefined;
    let stopListening: (() => void) | undefined;
    const settle = (): void => {
      stopListening?.();
      stopListening = undefined;
    };
    let finished = false;
    const finish = (): void => {
      if (finished) return;
      finished = true;
      settle();
      const whole = chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks);
      resolve({ status, headers, text: whole.toString('utf8'), headersAt });
    };
    pool.dispatch(request, {
      onRequestStart(controller) {
        current = controller;
        if (signal.aborted) {
          controller.abort(signal.reason as Error);
          return;
        }
        stopListening ??= signal.onAbort(() => current?.abort(signal.reason as Error));
      },
      onResponseStart(controller, statusCode, responseHeaders) {
        status = statusCode;
        headersAt = performance.now();
        headers = responseHeaders;
        if (stream && status >= 200 && status < 300) {
          body = new StreamingBody(controller, settle);
          resolve({ status, headers, body, headersAt });
        }
      },
      onResponseData(controller, chunk) {
        if (body !== undefined) {
          body.push(chunk);
          return;
        }
        if (status >= 200 && status < 300) {
          chunks.push(chunk);
          size += chunk.length;
          if (size > maxResponseBytes) {
            controller.abort(
              new GatewayError({
                code: 'upstream_invalid_response',
                message: `The upstream's answer is larger than ${maxResponseBytes} bytes; toolbridge stopped reading it.`,
              }),
            );
          }
          return;
        }
        chunks.push(chunk.subarray(0, MAX_ERROR_BODY - size));
        size += chunk.length;
        // An error body is only quoted: past the limit, answer with what arrived and stop the download.
        if (size >= MAX_ERROR_BODY) {
          finish();
          controller.abort(new Error('upstream error body cut at the quoting limit'));
        }
      },
      onResponseEnd() {
        if (body !== undefined) body.end();
        else finish();
      },
      onResponseError(_controller, error) {
        if (body !== undefined) body.fail(error);
        else if (!finished) {
          finished = true;
          settle();
          reject(error);
        }
      },
    });
  });
}
