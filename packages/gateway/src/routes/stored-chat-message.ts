import type { ChatMessage } from '@toolbridge/core';

/** A request message as `GET /v1/chat/completions/{id}/messages` returns it (`ChatCompletionStoreMessage`). */
export interface ChatStoreMessage {
  id: string;
  role: string;
  content: string | null;
  content_parts: unknown[] | null;
  [key: string]: unknown;
}

/**
 * The stored form of request message `index` (docs/protocol/chat-completions.md#stored-completions): an id
 * made of the completion id and the index; text parts joined into `content` with the parts themselves in
 * `content_parts`; `name`, `tool_calls` and `tool_call_id` kept as sent.
 */
export function toStoreMessage(completionId: string, message: ChatMessage, index: number): ChatStoreMessage {
  const { content, ...rest } = message as ChatMessage & { content?: unknown };
  const parts = Array.isArray(content) ? (content as unknown[]) : null;
  const text =
    typeof content === 'string'
      ? content
      : parts === null
        ? null
        : parts
            .map((part) =>
              typeof part === 'object' && part !== null && 'text' in part && typeof part.text === 'string'
                ? part.text
                : '',
            )
            .join('');
  return { ...rest, id: `${completionId}-${index}`, role: message.role, content: text, content_parts: parts };
}
