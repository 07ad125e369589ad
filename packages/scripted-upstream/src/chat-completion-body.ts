import type { ChatCompletion } from '@toolbridge/core';
import { citationsOf } from './chat-citations.js';
import { type ChatLogprobsRequest, textTokenLogprobs } from './chat-logprobs.js';
import { type ChatMeta, chatUsage } from './chat-meta.js';
import type { Turn } from './turn.js';

/** What a Chat answer carries beyond the turn, JSON or streamed (docs/scripted-upstream.md). */
export interface ChatAnswerExtras {
  /** Chat `logprobs: true`: a text answer's tokens. */
  logprobs?: ChatLogprobsRequest;
  /** `#reasoning` / `#vllm-reasoning`: the thinking, under the field that server uses. */
  reasoning?: { text: string; field: 'reasoning_content' | 'reasoning' };
  /** `#citations`: a text answer cites one source. */
  citations?: boolean;
}

/**
 * The non-streaming Chat Completions body for a turn (docs/protocol/chat-completions.md#response):
 * `content: null` and `refusal: null` sent explicitly, arguments as JSON strings, usage unless `#no-usage`.
 */
export function buildChatCompletion(
  turn: Turn,
  meta: ChatMeta,
  { logprobs, reasoning, citations = false }: ChatAnswerExtras = {},
): ChatCompletion {
  const message: ChatCompletion['choices'][number]['message'] =
    turn.kind === 'text'
      ? { role: 'assistant', content: turn.text, refusal: null, annotations: [] }
      : {
          role: 'assistant',
          content: null,
          refusal: null,
          annotations: [],
          tool_calls: turn.calls.map((call) => ({
            id: call.callId,
            type: 'function',
            function: { name: call.name, arguments: call.arguments },
          })),
        };
  // `#reasoning`: the thinking of a reasoning server (DeepSeek, vLLM), on the message.
  if (reasoning !== undefined) message[reasoning.field] = reasoning.text;
  if (citations && turn.kind === 'text') message.annotations = citationsOf(turn.text);
  const body: ChatCompletion = {
    id: meta.id,
    object: 'chat.completion',
    created: meta.created,
    model: meta.model,
    choices: [
      {
        index: 0,
        message,
        // A text answer's tokens when asked (docs/scripted-upstream.md#logprobs); a call turn has none.
        logprobs:
          logprobs !== undefined && turn.kind === 'text'
            ? { content: textTokenLogprobs(turn.text, logprobs), refusal: null }
            : null,
        finish_reason: turn.finishReason,
      },
    ],
    service_tier: 'default',
    system_fingerprint: meta.systemFingerprint,
  };
  if (meta.usage !== null) body.usage = chatUsage(meta.usage);
  return body;
}
