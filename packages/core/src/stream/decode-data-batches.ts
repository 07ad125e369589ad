import type { SseMessage } from './decode-sse.js';

/**
 * The shared loop of the Chat and Responses payload decoders, in batches (see `batches.ts`): skips
 * empty data, stops at `[DONE]` without reading further, and parses each payload with `parse`.
 * Payloads parsed before a malformed one in the same batch come out before `parse`'s error.
 */
export async function* decodeDataBatches(
  batches: AsyncIterable<readonly SseMessage[]>,
  parse: (data: string, message: SseMessage) => unknown,
): AsyncIterable<unknown[]> {
  for await (const messages of batches) {
    const out: unknown[] = [];
    for (const message of messages) {
      const data = message.data.trim();
      if (data === '[DONE]') {
        if (out.length > 0) yield out;
        return;
      }
      if (data === '') continue;
      let payload: unknown;
      try {
        payload = parse(data, message);
      } catch (error) {
        if (out.length > 0) yield out;
        throw error;
      }
      out.push(payload);
    }
    if (out.length > 0) yield out;
  }
}
