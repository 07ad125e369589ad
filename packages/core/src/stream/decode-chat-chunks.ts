import type { SseMessage } from './decode-sse.js';
import { parseSsePayload } from './parse-sse-payload.js';

/**
 * SSE messages of a Chat Completions stream → parsed chunk payloads. Stops at `data: [DONE]`
 * (spec §3.3) without reading further, so the upstream can be closed; empty data is skipped.
 * Malformed JSON throws a `CoreError` with code `invalid_stream`.
 */
export async function* decodeChatChunks(messages: AsyncIterable<SseMessage>): AsyncIterable<unknown> {
  for await (const message of messages) {
    const data = message.data.trim();
    if (data === '[DONE]') return;
    if (data === '') continue;
    yield parseSsePayload(data, 'Chat Completions');
  }
}
