import type { CanonicalFinishReason } from '../items/canonical.js';

/**
 * Chat `finish_reason` → canonical. Legacy `function_call` is `tool_calls`; a value some compatible
 * server invented (`eos`, `end_turn`…) means the turn ended normally, with or without calls.
 */
export function mapChatFinishReason(raw: string, hasToolCalls: boolean): CanonicalFinishReason {
  switch (raw) {
    case 'stop':
    case 'length':
    case 'tool_calls':
    case 'content_filter':
      return raw;
    case 'function_call':
      return 'tool_calls';
    default:
      return hasToolCalls ? 'tool_calls' : 'stop';
  }
}
