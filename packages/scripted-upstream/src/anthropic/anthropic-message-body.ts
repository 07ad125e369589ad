import { isRecord } from '../json-value.js';
import { safeParseJson } from '../safe-parse-json.js';
import type { AnswerBlock, AnthropicAnswer, AnthropicUsageBody } from './anthropic-answer.js';

/**
 * The `input` of a `tool_use` block: the arguments as an object. Text that is not a JSON object
 * (`#invalid-json`, a call cut by `#length`) is sent as a JSON string, which no well-behaved
 * Anthropic response does: a translating gateway must treat it as a broken call.
 */
export function toolInput(text: string): unknown {
  const parsed = safeParseJson(text);
  return parsed.ok && isRecord(parsed.value) ? parsed.value : text;
}

function contentBlock(block: AnswerBlock): Record<string, unknown> {
  switch (block.type) {
    case 'text':
      return { type: 'text', text: block.text, citations: null };
    case 'tool_use':
      return {
        type: 'tool_use',
        id: block.id,
        name: block.name,
        input: toolInput(block.arguments),
        caller: { type: 'direct' },
      };
    default:
      return { ...block };
  }
}

/** The wire `usage` object, as the API reports it on a message. */
export function usageBody(usage: AnthropicUsageBody): Record<string, unknown> {
  return {
    input_tokens: usage.input_tokens,
    cache_creation_input_tokens: usage.cache_creation_input_tokens,
    cache_read_input_tokens: usage.cache_read_input_tokens,
    cache_creation: {
      ephemeral_5m_input_tokens: usage.cache_creation_input_tokens,
      ephemeral_1h_input_tokens: 0,
    },
    output_tokens: usage.output_tokens,
    output_tokens_details: { thinking_tokens: usage.thinking_tokens },
    server_tool_use: null,
    service_tier: 'standard',
    inference_geo: 'not_available',
  };
}

/** `stop_details` for a refusal; null otherwise. */
export function stopDetails(answer: AnthropicAnswer): Record<string, unknown> | null {
  return answer.stopReason === 'refusal'
    ? {
        type: 'refusal',
        category: null,
        explanation: 'Scripted refusal (#refusal).',
        recommended_model: null,
      }
    : null;
}

/** The non-streaming Messages answer: every field the official SDK's `Message` type declares. */
export function buildMessageBody(answer: AnthropicAnswer): Record<string, unknown> {
  return {
    id: answer.id,
    type: 'message',
    role: 'assistant',
    model: answer.model,
    content: answer.blocks.map(contentBlock),
    stop_reason: answer.stopReason,
    stop_sequence: null,
    stop_details: stopDetails(answer),
    container: null,
    diagnostics: null,
    usage: usageBody(answer.usage),
  };
}
