import { describe, expect, it } from 'vitest';
import type { ChatCompletion } from '../protocol/chat/types.js';
import type { ResponsesRequest } from '../protocol/responses/types.js';
import { buildResponseSkeleton, completeResponseObject } from './build-response-object.js';
import { canonicalToChatCompletion } from './canonical-to-chat-completion.js';
import { canonicalToChatRequest } from './canonical-to-chat-request.js';
import { canonicalToResponsesRequest } from './canonical-to-responses-request.js';
import { chatCompletionToCanonical } from './chat-completion-to-canonical.js';
import { chatRequestToCanonical } from './chat-request-to-canonical.js';
import { responseObjectToCanonical } from './response-object-to-canonical.js';
import { responsesRequestToCanonical } from './responses-request-to-canonical.js';

const completion: ChatCompletion = {
  id: 'chatcmpl-B9MHDbslfkBeAs8l4bebGdFOJ6PeG',
  object: 'chat.completion',
  created: 1741570283,
  model: 'gpt-4o-2024-08-06',
  choices: [
    {
      index: 0,
      message: {
        role: 'assistant',
        content: 'Checking both cities.',
        refusal: null,
        annotations: [],
        tool_calls: [
          {
            id: 'call_A1',
            type: 'function',
            function: { name: 'get_weather', arguments: '{"city":"Paris"}' },
          },
          {
            id: 'call_B2',
            type: 'function',
            function: { name: 'get_weather', arguments: '{"city":"Oslo"}' },
          },
        ],
      },
      logprobs: null,
      finish_reason: 'tool_calls',
    },
  ],
  usage: {
    prompt_tokens: 82,
    completion_tokens: 17,
    total_tokens: 99,
    prompt_tokens_details: { cached_tokens: 64, audio_tokens: 0 },
    completion_tokens_details: {
      reasoning_tokens: 0,
      audio_tokens: 0,
      accepted_prediction_tokens: 0,
      rejected_prediction_tokens: 0,
    },
  },
};

const responsesRequest: ResponsesRequest = {
  model: 'gpt-5.4',
  input: '北京天气怎么样?',
  instructions: 'Answer in Chinese.',
  tools: [{ type: 'function', name: 'get_weather', parameters: { type: 'object', properties: {} } }],
};

describe('Chat completion ⇄ Response object', () => {
  it('carries text, calls, call ids and cached tokens through a Response object and back', () => {
    const skeleton = buildResponseSkeleton({
      id: 'resp_1',
      createdAt: 1741570283,
      request: responsesRequest,
      tools: [{ type: 'function', name: 'get_weather', description: null, parameters: {}, strict: false }],
    });
    const object = completeResponseObject(skeleton, chatCompletionToCanonical(completion));
    expect(object.status).toBe('completed');
    expect(object.output.map((item) => item.type)).toEqual(['message', 'function_call', 'function_call']);
    expect(object.output[1]).toMatchObject({ call_id: 'call_A1', name: 'get_weather', status: 'completed' });
    expect((object.output[1] as { id: string }).id).toMatch(/^fc_[0-9a-f]{48}$/);
    expect((object.output[0] as { id: string }).id).toMatch(/^msg_[0-9a-f]{48}$/);
    expect(object.usage).toEqual({
      input_tokens: 82,
      input_tokens_details: { cached_tokens: 64, cache_write_tokens: 0 },
      output_tokens: 17,
      output_tokens_details: { reasoning_tokens: 0 },
      total_tokens: 99,
    });
    expect(object.instructions).toBe('Answer in Chinese.');
    expect(object.service_tier).toBe('default');
    const back = canonicalToChatCompletion(responseObjectToCanonical(object), { id: completion.id });
    // Through a Response object the usage gains `cache_write_tokens: 0` (Responses always states it).
    const usage = {
      ...completion.usage,
      prompt_tokens_details: { cached_tokens: 64, audio_tokens: 0, cache_write_tokens: 0 },
    };
    expect(back).toEqual({ ...completion, usage, service_tier: 'default' });
  });

  it('reports finish_reason "stop" for a forced function call (tool-choice.md#effect-on-finish_reason)', () => {
    const out = canonicalToChatCompletion(chatCompletionToCanonical(completion), { forcedFunction: true });
    expect(out.choices[0]?.finish_reason).toBe('stop');
  });

  it('marks a length-truncated answer incomplete with max_output_tokens', () => {
    const truncated: ChatCompletion = {
      ...completion,
      choices: [
        {
          index: 0,
          message: { role: 'assistant', content: 'Par', refusal: null },
          logprobs: null,
          finish_reason: 'length',
        },
      ],
    };
    const skeleton = buildResponseSkeleton({
      id: 'resp_2',
      createdAt: 1,
      request: responsesRequest,
      tools: [],
    });
    const object = completeResponseObject(skeleton, chatCompletionToCanonical(truncated));
    expect(object.status).toBe('incomplete');
    expect(object.incomplete_details).toEqual({ reason: 'max_output_tokens' });
    expect(object.output[0]).toMatchObject({ type: 'message', status: 'incomplete' });
  });
});

describe('request conversions across formats', () => {
  it('turns Responses instructions into a leading system message for a Chat upstream', () => {
    const { request } = canonicalToChatRequest(responsesRequestToCanonical(responsesRequest));
    expect(request.messages[0]).toEqual({ role: 'system', content: 'Answer in Chinese.' });
    expect(request.messages[1]).toEqual({ role: 'user', content: '北京天气怎么样?' });
    expect(request.tools?.[0]).toEqual({
      type: 'function',
      function: { name: 'get_weather', parameters: { type: 'object', properties: {} } },
    });
  });

  it('lists Chat-only parameters it had to drop for a Responses upstream', () => {
    const canonical = chatRequestToCanonical({
      model: 'm',
      messages: [{ role: 'user', content: 'hi' }],
      seed: 7,
      max_tokens: 5,
    });
    const { request, adjustments } = canonicalToResponsesRequest(canonical);
    expect(request).not.toHaveProperty('seed');
    expect(request.max_output_tokens).toBe(16);
    expect(adjustments).toEqual([
      'dropped Chat-only parameters: seed',
      'raised max_output_tokens from 5 to 16 (Responses minimum)',
    ]);
  });

  it('keeps Chat-only parameters when relaying to a Chat upstream', () => {
    const canonical = chatRequestToCanonical({
      model: 'm',
      messages: [{ role: 'user', content: 'hi' }],
      seed: 7,
    });
    expect(canonicalToChatRequest(canonical).request).toEqual({
      model: 'm',
      messages: [{ role: 'user', content: 'hi' }],
      seed: 7,
    });
  });

  it('drops reasoning items for a Chat upstream but keeps them for a Responses one', () => {
    const canonical = responsesRequestToCanonical({
      model: 'm',
      input: [
        { role: 'user', content: 'hi' },
        { type: 'reasoning', id: 'rs_1', summary: [] },
        {
          type: 'function_call',
          id: 'fc_1',
          call_id: 'call_1',
          name: 'f',
          arguments: '{}',
          status: 'completed',
        },
        { type: 'function_call_output', call_id: 'call_1', output: 'ok' },
      ],
    });
    expect(canonicalToChatRequest(canonical).request.messages).toEqual([
      { role: 'user', content: 'hi' },
      {
        role: 'assistant',
        content: null,
        tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'f', arguments: '{}' } }],
      },
      { role: 'tool', tool_call_id: 'call_1', content: 'ok' },
    ]);
    const input = canonicalToResponsesRequest(canonical).request.input;
    expect(Array.isArray(input) && input[1]).toEqual({ type: 'reasoning', id: 'rs_1', summary: [] });
  });
});
