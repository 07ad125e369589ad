/**
 * Chat Completions SSE framing (docs/protocol/chat-completions.md#streaming): `data: <json>` blocks and never
 * an `event:` line, because openai-node up to v5.10.2 wraps any other event name into an `{event, data}`
 * object and breaks.
 */

/** Frames one Chat payload (a chunk or an `{error}` object) as an SSE block. */
export function encodeChatSse(payload: object): string {
  return `data: ${JSON.stringify(payload)}\n\n`;
}

/** The terminator of a Chat stream; the gateway writes it after the last payload and then closes. */
export const CHAT_SSE_DONE = 'data: [DONE]\n\n';
