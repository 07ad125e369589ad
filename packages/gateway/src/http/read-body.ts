import type { IncomingMessage } from 'node:http';
import { GatewayError } from '../errors/gateway-error.js';

/**
 * Reads a request body up to `maxBytes`. Past the limit it stops reading and throws 413, so a huge
 * body never sits in memory; a body that ends early (client gone) rejects.
 */
export async function readBody(request: IncomingMessage, maxBytes: number): Promise<Buffer> {
  const declared = Number(request.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes) throw tooLarge(maxBytes);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > maxBytes) throw tooLarge(maxBytes);
    chunks.push(chunk);
  }
  return chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, size);
}

function tooLarge(maxBytes: number): GatewayError {
  return new GatewayError({
    code: 'request_too_large',
    message: `The request body is larger than this gateway's limit of ${maxBytes} bytes. Send less history (previous_response_id avoids resending it) or raise --max-body-bytes.`,
    openaiCode: 'request_too_large',
  });
}
