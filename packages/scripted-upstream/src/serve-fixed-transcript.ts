import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FixedTranscript } from './fixed-transcripts.js';

function paced(response: ServerResponse, chunks: readonly Buffer[], delayMs: number): void {
  let index = 0;
  let timer: NodeJS.Timeout | undefined;
  const next = (): void => {
    const chunk = chunks[index];
    index += 1;
    if (chunk === undefined) {
      response.end();
      return;
    }
    response.write(chunk);
    timer = setTimeout(next, delayMs);
  };
  response.on('close', () => clearTimeout(timer));
  next();
}

/**
 * Answers with a fixed transcript: the request body is drained but never parsed, and the bytes go out
 * with one `end()` (or chunk by chunk with `chunkDelayMs`). Keep-alive stays on for load generators.
 */
export function serveFixedTranscript(
  request: IncomingMessage,
  response: ServerResponse,
  transcript: FixedTranscript,
  chunkDelayMs: number,
): void {
  request.on('end', () => {
    if (chunkDelayMs > 0 && transcript.chunks.length > 1) {
      response.writeHead(200, { 'content-type': transcript.contentType, 'cache-control': 'no-cache' });
      paced(response, transcript.chunks, chunkDelayMs);
      return;
    }
    response.writeHead(200, {
      'content-type': transcript.contentType,
      'content-length': transcript.body.length,
    });
    response.end(transcript.body);
  });
  request.resume();
}
