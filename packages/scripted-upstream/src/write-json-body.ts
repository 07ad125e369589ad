import type { Exchange } from './exchange.js';
import { flushWrite } from './flush-write.js';
import type { ScriptedDirectives } from './scripted-directives.js';

/**
 * Sends a successful non-streaming JSON answer, applying the faults that make sense for a plain body:
 * `#malformed-chunk` cuts the JSON in half (with a matching content-length), `#stall` sends half the
 * body and then nothing, `#reset` sends half the body and destroys the socket.
 */
export async function writeJsonBody(
  exchange: Exchange,
  text: string,
  faults: Pick<ScriptedDirectives, 'stall' | 'reset' | 'malformedChunk'>,
): Promise<void> {
  const { response, requestId } = exchange;
  const head = { 'content-type': 'application/json', 'x-request-id': requestId };
  const halfway = text.slice(0, Math.floor(text.length / 2));
  if (faults.stall || faults.reset) {
    // No content-length: the body is chunked, so the client cannot tell it was cut short until it ends.
    response.writeHead(200, head);
    await flushWrite(exchange, halfway);
    if (faults.reset) response.socket?.destroy();
    return;
  }
  const body = faults.malformedChunk ? halfway : text;
  response.writeHead(200, { ...head, 'content-length': Buffer.byteLength(body) });
  response.end(body);
}
