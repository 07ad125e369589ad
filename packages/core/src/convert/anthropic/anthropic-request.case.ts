/**
 * Shared fixtures of the Anthropic request-encoder tests (a `.case.ts` file so the build leaves it out):
 * encoder options as the gateway passes them, client-shaped requests, a two-call history.
 */
import type { CanonicalRequest } from '../../items/canonical.js';
import type { AnthropicRequest } from '../../protocol/anthropic/types.js';
import type { ChatCompletionRequest } from '../../protocol/chat/types.js';
import { chatRequestToCanonical } from '../chat-request-to-canonical.js';
import { canonicalToAnthropicRequest } from './canonical-to-anthropic-request.js';

export const options = {
  model: 'claude-sonnet-5',
  stream: false,
  defaultMaxTokens: 4096,
  thinkingBudgets: { low: 1024, medium: 4096, high: 16384 },
};
export const weather = {
  type: 'function' as const,
  function: {
    name: 'get_weather',
    description: 'Weather of a city.',
    parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
  },
};
export const time = {
  type: 'function' as const,
  function: { name: 'get_time', parameters: { type: 'object' } },
};

export function fromChat(body: Partial<ChatCompletionRequest>): CanonicalRequest {
  return chatRequestToCanonical({ model: 'm', messages: [{ role: 'user', content: 'hi' }], ...body });
}
export function encode(request: CanonicalRequest, extra: Partial<typeof options> = {}) {
  return canonicalToAnthropicRequest(request, { ...options, ...extra });
}
export const body = (request: CanonicalRequest): AnthropicRequest => encode(request).request;

export const twoCalls = [
  { role: 'user' as const, content: 'Weather in Paris and Rome?' },
  {
    role: 'assistant' as const,
    content: '',
    tool_calls: [
      {
        id: 'toolu_01A',
        type: 'function' as const,
        function: { name: 'get_weather', arguments: '{"city":"Paris"}' },
      },
      {
        id: 'toolu_01B',
        type: 'function' as const,
        function: { name: 'get_weather', arguments: '{"city":"Rome"}' },
      },
    ],
  },
  { role: 'tool' as const, tool_call_id: 'toolu_01A', content: '18C' },
  { role: 'tool' as const, tool_call_id: 'toolu_01B', content: '24C' },
];
