import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ChatCompletionRequest, ChatMessage, ChatToolChoice } from '../protocol/chat/types.js';
import { canonicalToChatRequest } from './canonical-to-chat-request.js';
import { canonicalToResponsesRequest } from './canonical-to-responses-request.js';
import { chatRequestToCanonical } from './chat-request-to-canonical.js';
import { responsesRequestToCanonical } from './responses-request-to-canonical.js';

const toolName = fc.stringMatching(/^[a-zA-Z0-9_-]{1,40}$/);
// Call ids are opaque to us: any non-empty string must survive byte for byte, unicode included.
const callId = fc.string({ minLength: 1, maxLength: 40, unit: 'binary' });
const text = fc.string({ minLength: 1, maxLength: 30, unit: 'grapheme' });
const args = fc.jsonValue({ maxDepth: 3 }).map((value) => JSON.stringify({ value }));

const schema = fc.record(
  {
    type: fc.constant('object'),
    properties: fc.dictionary(toolName, fc.constantFrom({ type: 'string' }, { type: 'number' }), {
      maxKeys: 3,
    }),
    additionalProperties: fc.constant(false),
  },
  { requiredKeys: ['type'] },
);

const tool = fc.record(
  { name: toolName, description: text, parameters: schema, strict: fc.boolean() },
  { requiredKeys: ['name'] },
);

const userContent = fc.oneof(
  text,
  fc.array(
    fc.oneof(
      text.map((value) => ({ type: 'text' as const, text: value })),
      fc.webUrl().map((url) => ({ type: 'image_url' as const, image_url: { url, detail: 'auto' as const } })),
    ),
    { minLength: 1, maxLength: 3 },
  ),
);

/** One exchange: a user message, optionally an assistant turn with calls and their results. */
const exchange = fc
  .record({
    user: userContent,
    assistantText: fc.option(text, { nil: null }),
    calls: fc.uniqueArray(fc.record({ id: callId, name: toolName, arguments: args }), {
      maxLength: 3,
      selector: (call) => call.id,
    }),
    results: fc.array(
      fc.oneof(
        text,
        fc.array(
          text.map((value) => ({ type: 'text' as const, text: value })),
          { minLength: 1, maxLength: 2 },
        ),
      ),
      {
        minLength: 3,
        maxLength: 3,
      },
    ),
  })
  .map(({ user, assistantText, calls, results }): ChatMessage[] => {
    const messages: ChatMessage[] = [{ role: 'user', content: user }];
    if (calls.length === 0) {
      if (assistantText !== null) messages.push({ role: 'assistant', content: assistantText });
      return messages;
    }
    messages.push({
      role: 'assistant',
      content: assistantText,
      tool_calls: calls.map((call) => ({
        id: call.id,
        type: 'function',
        function: { name: call.name, arguments: call.arguments },
      })),
    });
    calls.forEach((call, index) => {
      messages.push({ role: 'tool', tool_call_id: call.id, content: results[index] ?? 'ok' });
    });
    return messages;
  });

const chatRequest = fc
  .record({
    model: fc.constantFrom('gpt-5.4', 'gpt-5.4-mini', 'local/qwen'),
    system: fc.option(text, { nil: undefined }),
    exchanges: fc.array(exchange, { minLength: 1, maxLength: 4 }),
    tools: fc.uniqueArray(tool, { maxLength: 4, selector: (entry) => entry.name }),
    choice: fc.nat(5),
    parallel: fc.option(fc.boolean(), { nil: undefined }),
    temperature: fc.option(fc.double({ min: 0, max: 2, noNaN: true }), { nil: undefined }),
    maxTokens: fc.option(fc.integer({ min: 16, max: 4096 }), { nil: undefined }),
  })
  .map((input): ChatCompletionRequest => {
    const messages: ChatMessage[] = [];
    if (input.system !== undefined) messages.push({ role: 'system', content: input.system });
    for (const turn of input.exchanges) messages.push(...turn);
    const request: ChatCompletionRequest = { model: input.model, messages };
    if (input.tools.length > 0) {
      request.tools = input.tools.map(({ name, ...rest }) => ({
        type: 'function',
        function: { name, ...rest },
      }));
      const first = input.tools[0]?.name ?? 'x';
      const choices: ChatToolChoice[] = [
        'auto',
        'none',
        'required',
        { type: 'function', function: { name: first } },
        {
          type: 'allowed_tools',
          allowed_tools: { mode: 'required', tools: [{ type: 'function', function: { name: first } }] },
        },
      ];
      const picked = choices[input.choice];
      if (picked !== undefined) request.tool_choice = picked;
      if (input.parallel !== undefined) request.parallel_tool_calls = input.parallel;
    }
    if (input.temperature !== undefined) request.temperature = input.temperature;
    if (input.maxTokens !== undefined) request.max_completion_tokens = input.maxTokens;
    return request;
  });

describe('Chat → canonical → Responses → canonical → Chat', () => {
  it('keeps tools, messages and call ids intact', () => {
    fc.assert(
      fc.property(chatRequest, (original) => {
        const responses = canonicalToResponsesRequest(chatRequestToCanonical(original));
        expect(responses.adjustments).toEqual([]);
        const back = canonicalToChatRequest(responsesRequestToCanonical(responses.request));
        expect(back.adjustments).toEqual([]);
        expect(back.request).toEqual(original);
      }),
      { numRuns: 300 },
    );
  });

  it('keeps every call id byte for byte in the Responses form', () => {
    fc.assert(
      fc.property(chatRequest, (original) => {
        const sent = original.messages.flatMap((message) =>
          message.role === 'assistant' ? (message.tool_calls ?? []).map((call) => call.id) : [],
        );
        const answered = original.messages.flatMap((message) =>
          message.role === 'tool' ? [message.tool_call_id] : [],
        );
        const { request } = canonicalToResponsesRequest(chatRequestToCanonical(original));
        const items = Array.isArray(request.input) ? request.input : [];
        const calls = items.flatMap((item) =>
          'type' in item && item.type === 'function_call' ? [item.call_id] : [],
        );
        const outputs = items.flatMap((item) =>
          'type' in item && item.type === 'function_call_output' ? [item.call_id] : [],
        );
        expect(calls).toEqual(sent);
        expect(outputs).toEqual(answered);
      }),
      { numRuns: 200 },
    );
  });
});
