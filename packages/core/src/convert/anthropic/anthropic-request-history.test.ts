import { describe, expect, it } from 'vitest';
import { CoreError } from '../../errors/core-error.js';
import type { CanonicalItem, CanonicalRequest } from '../../items/canonical.js';
import type { ResponsesRequest } from '../../protocol/responses/types.js';
import { responsesRequestToCanonical } from '../responses-request-to-canonical.js';
import { body, encode, fromChat, time, twoCalls, weather } from './anthropic-request.case.js';
import { thinkingBlocksToReasoning } from './thinking-blocks.js';

// Conformance cases of docs/protocol/anthropic.md §12 for history, ids and thinking (§4–§6).
describe('history (§4, §5)', () => {
  it('A-18: results of one turn and the next user text share one user message, results first', () => {
    const messages = [...twoCalls, { role: 'user' as const, content: 'And tomorrow?' }];
    const sent = body(fromChat({ messages, tools: [weather] }));
    expect(sent.messages).toEqual([
      { role: 'user', content: [{ type: 'text', text: 'Weather in Paris and Rome?' }] },
      {
        role: 'assistant',
        content: [
          { type: 'tool_use', id: 'toolu_01A', name: 'get_weather', input: { city: 'Paris' } },
          { type: 'tool_use', id: 'toolu_01B', name: 'get_weather', input: { city: 'Rome' } },
        ],
      },
      {
        role: 'user',
        content: [
          { type: 'tool_result', tool_use_id: 'toolu_01A', content: '18C' },
          { type: 'tool_result', tool_use_id: 'toolu_01B', content: '24C' },
          { type: 'text', text: 'And tomorrow?' },
        ],
      },
    ]);
  });

  it('A-19: empty assistant text and whitespace-only user text make no text block', () => {
    const sent = body(
      fromChat({ messages: [{ role: 'user', content: '  ' }, ...twoCalls.slice(0)], tools: [weather] }),
    );
    expect(JSON.stringify(sent.messages)).not.toContain('"text":""');
    expect(JSON.stringify(sent.messages)).not.toContain('"text":"  "');
  });

  it('A-20: empty arguments become input {}; non-object arguments are wrapped and reported', () => {
    const messages = [
      { role: 'user' as const, content: 'x' },
      {
        role: 'assistant' as const,
        content: null,
        tool_calls: [
          { id: 'call_1', type: 'function' as const, function: { name: 'get_time', arguments: '' } },
          { id: 'call_2', type: 'function' as const, function: { name: 'get_time', arguments: '[1]' } },
        ],
      },
      { role: 'tool' as const, tool_call_id: 'call_1', content: 'noon' },
      { role: 'tool' as const, tool_call_id: 'call_2', content: 'noon' },
    ];
    const { request, adjustments } = encode(fromChat({ messages, tools: [time] }));
    const uses = request.messages[1]?.content;
    expect(uses).toEqual([
      { type: 'tool_use', id: 'call_1', name: 'get_time', input: {} },
      { type: 'tool_use', id: 'call_2', name: 'get_time', input: { _raw_arguments: '[1]' } },
    ]);
    expect(adjustments.join('\n')).toContain("call 'call_2' are not a JSON object");
  });

  it('A-21: foreign ids are sanitized the same way in tool_use and tool_result, and repeatably', () => {
    const messages = [
      { role: 'user' as const, content: 'x' },
      {
        role: 'assistant' as const,
        content: null,
        tool_calls: [
          {
            id: 'functions.get_weather:0',
            type: 'function' as const,
            function: { name: 'get_weather', arguments: '{}' },
          },
        ],
      },
      { role: 'tool' as const, tool_call_id: 'functions.get_weather:0', content: 'sunny' },
    ];
    const first = body(fromChat({ messages, tools: [weather] }));
    const use = first.messages[1]?.content[0] as { id: string };
    const result = first.messages[2]?.content[0] as { tool_use_id: string };
    expect(use.id).toMatch(/^[a-zA-Z0-9_-]+$/);
    expect(result.tool_use_id).toBe(use.id);
    expect(body(fromChat({ messages, tools: [weather] }))).toEqual(first);
  });

  it('a call id reused in two turns gets two distinct upstream ids, each result paired', () => {
    const turn = (args: string, output: string) => [
      {
        role: 'assistant' as const,
        content: null,
        tool_calls: [
          { id: 'call_0', type: 'function' as const, function: { name: 'get_weather', arguments: args } },
        ],
      },
      { role: 'tool' as const, tool_call_id: 'call_0', content: output },
    ];
    const messages = [
      { role: 'user' as const, content: 'x' },
      ...turn('{"city":"A"}', 'a'),
      ...turn('{"city":"B"}', 'b'),
    ];
    const sent = body(fromChat({ messages, tools: [weather] }));
    const ids = sent.messages.flatMap((message) =>
      message.content.flatMap((block) =>
        block.type === 'tool_use' ? [block.id] : block.type === 'tool_result' ? [block.tool_use_id] : [],
      ),
    );
    expect(ids).toEqual(['call_0', 'call_0', 'call_0_2', 'call_0_2']);
  });

  it('A-22: an output with no call before it is sent as user text, not a tool_result', () => {
    const request: CanonicalRequest = {
      ...fromChat({ tools: [weather] }),
      items: [{ type: 'function_call_output', callId: 'call_lost', output: '18C' }],
    };
    const { request: sent, adjustments } = encode(request);
    expect(sent.messages).toEqual([
      { role: 'user', content: [{ type: 'text', text: 'Result of tool call call_lost: 18C' }] },
    ]);
    expect(adjustments.join('\n')).toContain('has no call before it');
  });

  it('system, developer and instructions go to the top-level system, in order; roles alternate', () => {
    const request = responsesRequestToCanonical({
      model: 'm',
      instructions: 'Be brief.',
      input: [
        { role: 'developer', content: 'Use metric units.' },
        { role: 'user', content: 'Hi' },
        { role: 'user', content: 'Weather?' },
        { role: 'system', content: 'Never guess.' },
      ],
    } as ResponsesRequest);
    const sent = body(request);
    expect(sent.system).toEqual([
      { type: 'text', text: 'Be brief.' },
      { type: 'text', text: 'Use metric units.' },
      { type: 'text', text: 'Never guess.' },
    ]);
    expect(sent.messages).toEqual([
      {
        role: 'user',
        content: [
          { type: 'text', text: 'Hi' },
          { type: 'text', text: 'Weather?' },
        ],
      },
    ]);
  });

  it('max_tokens: the client limit, else the default; temperature is dropped and reported', () => {
    expect(body(fromChat({ max_completion_tokens: 300 })).max_tokens).toBe(300);
    const { request, adjustments } = encode(fromChat({ temperature: 0.2 }));
    expect(request.max_tokens).toBe(4096);
    expect(request).not.toHaveProperty('temperature');
    expect(adjustments).toContain('not sent to the Anthropic upstream: temperature');
  });

  it('Chat stop → stop_sequences; images go by URL or base64', () => {
    const request = fromChat({
      stop: ['END'],
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: 'What is this?' },
            { type: 'image_url', image_url: { url: 'https://example.com/a.png' } },
            { type: 'image_url', image_url: { url: 'data:image/png;base64,iVBORw0K' } },
          ],
        },
      ],
    });
    const sent = body(request);
    expect(sent.stop_sequences).toEqual(['END']);
    expect(sent.messages[0]?.content.slice(1)).toEqual([
      { type: 'image', source: { type: 'url', url: 'https://example.com/a.png' } },
      { type: 'image', source: { type: 'base64', media_type: 'image/png', data: 'iVBORw0K' } },
    ]);
  });

  it('what Anthropic cannot express fails with conversion_failed (the gateway answers 400)', () => {
    const onlySystem = fromChat({ messages: [{ role: 'system', content: 'x' }] });
    expect(() => encode(onlySystem)).toThrow(CoreError);
    const jsonMode = fromChat({ response_format: { type: 'json_object' } });
    expect(() => encode(jsonMode)).toThrow(/json_object/);
  });
});

describe('thinking (§6)', () => {
  const blocks = [{ type: 'thinking' as const, thinking: 'Call the tool.', signature: 'sig-1' }];
  const toolTurn = (withThinking: boolean): CanonicalItem[] => [
    { type: 'message', role: 'user', content: 'Weather in Paris?' },
    ...(withThinking ? [thinkingBlocksToReasoning(blocks)] : []),
    { type: 'function_call', callId: 'toolu_1', name: 'get_weather', arguments: '{"city":"Paris"}' },
    { type: 'function_call_output', callId: 'toolu_1', output: '18C' },
  ];
  const withItems = (items: CanonicalItem[], effort = 'low') => ({
    ...fromChat({ tools: [weather], reasoning_effort: effort }),
    items,
  });

  it('A-44: the blocks open the assistant message again, exactly as received', () => {
    const { request } = encode(withItems(toolTurn(true)));
    expect(request.thinking).toEqual({ type: 'enabled', budget_tokens: 1024 });
    expect(request.max_tokens).toBe(4096 + 1024);
    expect(request.messages[1]?.content[0]).toEqual(blocks[0]);
  });

  it('missing blocks for the pending tool turn → thinking is left off for this request, reported', () => {
    const { request, adjustments } = encode(withItems(toolTurn(false)));
    expect(request.thinking).toBeUndefined();
    expect(adjustments.join('\n')).toContain('has no thinking blocks');
  });

  it('thinking off: blocks from history are not sent; another provider’s blob is dropped', () => {
    const foreign: CanonicalItem = {
      type: 'reasoning',
      raw: { type: 'reasoning', id: 'rs_1', summary: [], encrypted_content: 'gAAAAABopenai' },
    };
    const items = [...toolTurn(true), foreign];
    const { request, adjustments } = encode({ ...withItems(items), options: {} });
    expect(JSON.stringify(request)).not.toContain('sig-1');
    expect(JSON.stringify(request)).not.toContain('gAAAA');
    expect(adjustments.join('\n')).toContain('another provider made');
  });

  it('A-28: no Gemini-style state ever reaches an Anthropic body', () => {
    const gemini: CanonicalItem = {
      type: 'reasoning',
      raw: { type: 'reasoning', summary: [], encrypted_content: 'tb1.gemini.eyJzaWciOiJDcHdCIn0' },
    };
    expect(JSON.stringify(body(withItems([gemini, ...toolTurn(true)])))).not.toContain('gemini');
  });

  it('a client limit bounds the budget; below 1024 tokens thinking is dropped', () => {
    const items = toolTurn(true);
    expect(encode({ ...withItems(items, 'high'), maxOutputTokens: 3000 }).request.thinking).toEqual({
      type: 'enabled',
      budget_tokens: 2999,
    });
    const small = encode({ ...withItems(items, 'high'), maxOutputTokens: 500 });
    expect(small.request.thinking).toBeUndefined();
    expect(small.adjustments.join('\n')).toContain('leaves no room');
  });
});
