import { describe, expect, it } from 'vitest';
import type { CanonicalItem } from '../items/canonical.js';
import { chatMessagesToItems } from './chat-messages-to-items.js';
import { chatReasoningItem, chatReasoningOf } from './chat-reasoning.js';
import { itemsToChatMessages } from './items-to-chat-messages.js';

describe('reasoning text on Chat messages (docs/protocol/chat-completions.md#reasoning)', () => {
  const turn: CanonicalItem[] = [
    { type: 'message', role: 'user', content: 'Weather in Paris?' },
    chatReasoningItem('Thinking.', 'rs_1'),
    { type: 'message', role: 'assistant', content: 'Let me look.' },
    { type: 'function_call', callId: 'call_1', name: 'get_weather', arguments: '{"city":"Paris"}' },
    { type: 'function_call_output', callId: 'call_1', output: '21' },
  ];

  it('goes back on the assistant message it precedes, with its text and calls, under the field asked for', () => {
    for (const field of ['reasoning_content', 'reasoning'] as const) {
      const messages = itemsToChatMessages(turn, [], field);
      expect(messages).toEqual([
        { role: 'user', content: 'Weather in Paris?' },
        {
          role: 'assistant',
          content: 'Let me look.',
          [field]: 'Thinking.',
          tool_calls: [
            {
              id: 'call_1',
              type: 'function',
              function: { name: 'get_weather', arguments: '{"city":"Paris"}' },
            },
          ],
        },
        { role: 'tool', tool_call_id: 'call_1', content: '21' },
      ]);
    }
  });

  it('round-trips a client’s history under either name, and a summary-only reasoning item stays out', () => {
    for (const field of ['reasoning_content', 'reasoning'] as const) {
      const items = chatMessagesToItems([
        { role: 'assistant', content: null, [field]: 'Thinking.', tool_calls: [] },
      ]);
      expect(items).toHaveLength(1);
      expect(itemsToChatMessages(items, [])).toEqual([
        { role: 'assistant', content: null, reasoning_content: 'Thinking.' },
      ]);
    }
    const summary: CanonicalItem = {
      type: 'reasoning',
      raw: { type: 'reasoning', summary: [{ type: 'summary_text', text: 'S' }] },
    };
    expect(itemsToChatMessages([summary], [])).toEqual([]);
  });

  it('reads reasoning_content before reasoning, and an empty string as none', () => {
    expect(chatReasoningOf({ reasoning_content: 'a', reasoning: 'b' })).toBe('a');
    expect(chatReasoningOf({ reasoning_content: '', reasoning: 'b' })).toBe('b');
    expect(chatReasoningOf({ reasoning: '' })).toBeUndefined();
    expect(chatReasoningOf({ reasoning: { effort: 'high' } })).toBeUndefined();
  });
});
