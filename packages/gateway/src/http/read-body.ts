import type { IncomingMessage } from 'node:http';
import { GatewayError } from '../errors/gateway-error.js';
import type { BodyBudget } from './body-budget.js';

/** Options of `readBody`. */
export interface ReadBodyOptions {
  /** Largest body of this one request (413 past it). */
  maxBytes: number;
  /** Bytes shared by every request still being read (503 when spent); none → unbounded. */
  budget?: BodyBudget | undefined;
}

/**
 * Reads a request body up to `maxBytes`. Past the limit it stops collecting and rejects with 413, so a
 * huge body never sits in memory; past the shared `budget` it rejects with 503. A body that ends early
 * (the client left) rejects with `client_closed_request`, which is logged as a client abort, not as a
 * gateway failure. Plain `data`/`end` listeners: an async iterator per request was a measurable cost on
 * the relay's hot path.
 */
export function readBody(request: IncomingMessage, { maxBytes, budget }: ReadBodyOptions): Promise<Buffer> {
  const declared = Number(request.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes) return Promise.reject(tooLarge(maxBytes));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const settle = (): void => {
      request.off('data', onData);
      request.off('end', onEnd);
      request.off('error', onError);
      request.off('close', onClose);
      // The buffers are handed over (or dropped) now: the budget covers bodies still being read.
      budget?.give(size);
    };
    const fail = (error: Error): void => {
      settle();
      reject(error);
    };
    const onData = (chunk: Buffer): void => {
      if (size + chunk.length > maxBytes) fail(tooLarge(maxBytes));
      else if (budget !== undefined && !budget.take(chunk.length)) fail(busy(budget.limit));
      else {
        size += chunk.length;
        chunks.push(chunk);
      }
    };
    const onEnd = (): void => {
      settle();
      resolve(chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, size));
    };
    const onError = (error: Error): void => fail(clientGone(error));
    const onClose = (): void => {
      if (!request.complete) fail(clientGone(undefined));
    };
    request.on('data', onData);
    request.on('end', onEnd);
    request.on('error', onError);
    request.on('close', onClose);
  });
}

function tooLarge(maxBytes: number): GatewayError {
  return new GatewayError({
    code: 'request_too_large',
    message: `The request body is larger than this gateway's limit of ${maxBytes} bytes. Send less history (previous_response_id avoids resending it) or raise --max-body-bytes.`,
    openaiCode: 'request_too_large',
  });
}

function busy(limit: number): GatewayError {
  return new GatewayError({
    code: 'server_busy',
    message: `The gateway is already reading ${limit} bytes of request bodies from other clients, its limit (--max-buffered-bytes). Retry shortly.`,
    headers: { 'retry-after': '1' },
  });
}

function clientGone(cause: Error | undefined): GatewayError {
  return new GatewayError({
    code: 'client_closed_request',
    message: 'The client closed the connection before sending the whole body.',
    cause,
  });
}
