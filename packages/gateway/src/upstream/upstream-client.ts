import type { IncomingHttpHeaders } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { Pool, errors as undiciErrors } from 'undici';
import type { ProviderConfig } from '../config/gateway-config.js';
import { gatewayDefaults } from '../defaults.js';
import { GatewayError } from '../errors/gateway-error.js';
import { mapUpstreamError } from './map-upstream-error.js';
import { retryDelayMs } from './retry-delay.js';

/** A 2xx upstream reply whose body has not been read yet. */
export interface UpstreamReply {
  status: number;
  headers: IncomingHttpHeaders;
  body: AsyncIterable<Buffer> & { text(): Promise<string>; destroy(error?: Error): unknown };
  /** How many retries it took. */
  retries: number;
}

export interface UpstreamSendOptions {
  /** `/chat/completions` or `/responses`, appended to the provider's base path. */
  path: string;
  body: string;
  stream: boolean;
  signal: AbortSignal;
  requestId: string;
}

const RETRYABLE_STATUS = new Set([429, 500, 502, 503, 504]);
const RETRYABLE_NETWORK = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'UND_ERR_SOCKET',
  'UND_ERR_CONNECT_TIMEOUT',
]);
const MAX_ERROR_BODY = 64 * 1024;

function networkCode(error: unknown): string {
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' ? code : '';
}

async function readBounded(body: UpstreamReply['body']): Promise<string> {
  let text = '';
  for await (const chunk of body) {
    text += chunk.toString('utf8');
    if (text.length > MAX_ERROR_BODY) {
      body.destroy();
      break;
    }
  }
  return text;
}

/**
 * HTTP client for one upstream: an undici keep-alive pool, connect / first-byte / idle timeouts, and
 * retries with backoff. It only retries before returning a reply, so nothing reached the client yet.
 */
export class UpstreamClient {
  private readonly pool: Pool;
  private readonly basePath: string;

  constructor(private readonly provider: ProviderConfig) {
    const url = new URL(provider.baseUrl);
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
      ...(this.provider.apiKey !== null ? { authorization: `Bearer ${this.provider.apiKey}` } : {}),
      ...this.provider.headers,
    };
  }

  /** Sends one request; resolves with a 2xx reply or throws a GatewayError in the OpenAI vocabulary. */
  async send(options: UpstreamSendOptions): Promise<UpstreamReply> {
    for (let attempt = 0; ; attempt++) {
      const outcome = await this.attempt(options);
      if ('reply' in outcome) return { ...outcome.reply, retries: attempt };
      const canRetry = attempt < this.provider.retries && outcome.retryable && !options.signal.aborted;
      const delay = canRetry ? retryDelayMs({ attempt, headers: outcome.headers }) : null;
      if (delay === null) throw outcome.error;
      await sleep(delay, undefined, { signal: options.signal }).catch(() => undefined);
      if (options.signal.aborted) throw outcome.error;
    }
  }

  private async attempt(
    options: UpstreamSendOptions,
  ): Promise<
    | { reply: Omit<UpstreamReply, 'retries'> }
    | { error: GatewayError; retryable: boolean; headers: Record<string, string | string[] | undefined> }
  > {
    try {
      const response = await this.pool.request({
        path: this.basePath + options.path,
        method: 'POST',
        headers: this.headers(options),
        body: options.body,
        signal: options.signal,
        headersTimeout: this.provider.timeouts.firstByteMs,
        bodyTimeout: this.provider.timeouts.idleMs,
      });
      if (response.statusCode >= 200 && response.statusCode < 300) {
        return { reply: { status: response.statusCode, headers: response.headers, body: response.body } };
      }
      const bodyText = await readBounded(response.body);
      return {
        error: mapUpstreamError({
          provider: this.provider.name,
          status: response.statusCode,
          bodyText,
          headers: response.headers,
        }),
        retryable: RETRYABLE_STATUS.has(response.statusCode),
        headers: response.headers,
      };
    } catch (error) {
      return {
        error: this.networkError(error, options.signal),
        retryable: RETRYABLE_NETWORK.has(networkCode(error)),
        headers: {},
      };
    }
  }

  /** Maps a transport failure; a timeout says which limit was hit. */
  networkError(error: unknown, signal?: AbortSignal): GatewayError {
    const name = this.provider.name;
    if (signal?.aborted) {
      return new GatewayError({ code: 'upstream_error', message: 'The request was aborted.', cause: error });
    }
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
    return new GatewayError({
      code: 'upstream_unreachable',
      message: `Upstream '${name}' (${this.provider.baseUrl}) is unreachable: ${(error as Error).message || networkCode(error)}.`,
      cause: error,
    });
  }

  async close(): Promise<void> {
    await this.pool.close();
  }

  /** Aborts every in-flight request and closes the sockets (shutdown past the grace period). */
  async destroy(): Promise<void> {
    await this.pool.destroy();
  }
}
