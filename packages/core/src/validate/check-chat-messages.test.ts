import { describe, expect, it } from 'vitest';
import { freezeShared } from '../json/frozen.js';
import { checkChatMessages } from './check-chat-messages.js';

const call = (name: string) => ({
  role: 'assistant',
  content: null,
  tool_calls: [{ id: 'call_1', type: 'function', function: { name, arguments: '{}' } }],
});

describe('checkChatMessages with shared messages', () => {
  it('remembers a shared message that passed, under the same name limit only', () => {
    const messages = freezeShared([{ role: 'user', content: 'hi' }, call('a_rather_long_tool_name')]);
    expect(checkChatMessages(messages, 64).issues).toEqual([]);
    expect(checkChatMessages(messages, 64).issues).toEqual([]);
    // A gateway with a shorter limit checks the same shared message again, and refuses it.
    expect(checkChatMessages(messages, 8).issues.map((issue) => issue.path)).toEqual([
      ['messages', 1, 'tool_calls', 0, 'function', 'name'],
    ]);
  });

  it('checks every new message of a turn whose earlier messages are shared', () => {
    const kept = freezeShared([{ role: 'user', content: 'hi' }]);
    expect(checkChatMessages(kept, 64).issues).toEqual([]);
    const next = [...kept, { role: 'user' }];
    expect(checkChatMessages(next, 64).issues.map((issue) => issue.path)).toEqual([
      ['messages', 1, 'content'],
    ]);
    // A shared message that failed is checked, and refused, every time.
    const bad = freezeShared([{ role: 'user' }]);
    expect(checkChatMessages(bad, 64).issues).toHaveLength(1);
    expect(checkChatMessages(bad, 64).issues).toHaveLength(1);
  });
});
