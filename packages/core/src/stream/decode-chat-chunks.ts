import { flattenBatches, singletonBatches } from './batches.js';
import { decodeDataBatches } from './decode-data-batches.js';
import type { SseMessage } from './decode-sse.js';
import { parseSsePayload } from './parse-sse-payload.js';

/**
 * SSE messages of a Chat Completions stream → parsed chunk payloads. Stops at `data: [DONE]`
 * (docs/protocol/chat-completions.md#streaming) without reading further, so the upstream can be closed; empty
 * data is skipped. Malformed JSON throws a `CoreError` with code `invalid_stream`.
 */
export function decodeChatChunks(messages: AsyncIterable<SseMessage>): AsyncIterable<unknown> {
  return flattenBatches(decodeChatChunkBatches(singletonBatches(messages)));
}

/** {@link decodeChatChunks} in batches (see `batches.ts`). */
export function decodeChatChunkBatches(
  batches: AsyncIterable<readonly SseMessage[]>,
): AsyncIterable<unknown[]> {
  return decodeDataBatches(batches, (data) => parseSsePayload(data, 'Chat Completions'));
}
