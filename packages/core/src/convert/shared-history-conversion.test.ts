import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CanonicalItem } from '../items/canonical.js';
import { freezeShared, isShared } from '../json/frozen.js';
import type { ChatMessage } from '../protocol/chat/types.js';
import { chatMessagesToItems } from './chat-messages-to-items.js';
import { itemsToChatMessages } from './items-to-chat-messages.js';

// A conversation's earlier turns come back shared (the gateway's history cache); converting them must
// give exactly what converting the same values unshared gives, adjustments included.

const item = fc.oneof(
  fc.record({
    type: fc.constant('message' as const),
    role: fc.constantFrom('user' as const, 'assistant' as const, 'system' as const, 'developer' as const),
    content: fc.oneof(
      fc.string({ maxLength: 5 }),
      fc.array(
        fc.oneof(
          fc.record({ type: fc.constant('text' as const), text: fc.string({ maxLength: 5 }) }),
          fc.record({ type: fc.constant('image' as const), url: fc.constant('https://example.com/a.png') }),
          fc.record({ type: fc.constant('refusal' as const), refusal: fc.string({ maxLength: 5 }) }),
        ),
        { maxLength: 3 },
      ),
    ),
  }),
  fc.record({
    type: fc.constant('function_call' as const),
    callId: fc.constantFrom('call_1', 'call_2', 'call_3'),
    name: fc.constantFrom('a', 'b'),
    arguments: fc.constant('{}'),
  }),
  fc.record({
    type: fc.constant('function_call_output' as const),
    callId: fc.constantFrom('call_1', 'call_2'),
    output: fc.string({ maxLength: 5 }),
  }),
  fc.record({ type: fc.constant('reasoning' as const), raw: fc.constant({ summary: [] }) }),
  fc.record({ type: fc.constant('item_reference' as const), id: fc.constantFrom('msg_1', 'fc_1') }),
) as fc.Arbitrary<CanonicalItem>;

function plainConversion(items: readonly CanonicalItem[]): {
  messages: ChatMessage[];
  adjustments: string[];
} {
  const adjustments: string[] = [];
  const copy = JSON.parse(JSON.stringify(items)) as CanonicalItem[];
  return { messages: itemsToChatMessages(copy, adjustments), adjustments };
}

describe('converting shared history', () => {
  it('gives what the unshared conversion gives, for any items with a shared start', () => {
    fc.assert(
      fc.property(fc.array(item, { maxLength: 10 }), fc.array(item, { maxLength: 4 }), (kept, added) => {
        const shared = freezeShared(JSON.parse(JSON.stringify(kept)) as CanonicalItem[]);
        const items = [...shared, ...added];
        const expected = plainConversion(items);
        for (let pass = 0; pass < 2; pass++) {
          const adjustments: string[] = [];
          const messages = itemsToChatMessages(items, adjustments);
          expect(messages).toEqual(expected.messages);
          expect(adjustments).toEqual(expected.adjustments);
        }
      }),
      { numRuns: 3000 },
    );
  });

  it('converts a shared message once, and the upstream messages of a kept turn are shared in turn', () => {
    const messages = freezeShared([
      { role: 'system', content: 'Be brief.' },
      { role: 'user', content: 'Weather in Paris?' },
      {
        role: 'assistant',
        content: null,
        tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'weather', arguments: '{}' } }],
      },
      { role: 'tool', tool_call_id: 'call_1', content: '21' },
    ] as ChatMessage[]);
    const items = chatMessagesToItems(messages);
    const again = chatMessagesToItems(messages);
    expect(again).toEqual(items);
    for (const [index, converted] of again.entries()) expect(converted).toBe(items[index]);
    const first = itemsToChatMessages(items, []);
    const second = itemsToChatMessages([...again, { type: 'message', role: 'user', content: 'Thanks' }], []);
    expect(first).toEqual(messages);
    first.forEach((message, index) => {
      expect(isShared(message)).toBe(true);
      expect(second[index]).toBe(message);
    });
    expect(isShared(second[4])).toBe(false);
  });

  it('leaves unshared messages as they were: new objects, converted every time', () => {
    const messages: ChatMessage[] = [{ role: 'user', content: 'hi' }];
    const items = chatMessagesToItems(messages);
    expect(isShared(items[0])).toBe(false);
    expect(chatMessagesToItems(messages)[0]).not.toBe(items[0]);
  });
});
