import { describe, expect, it } from 'vitest';
import type { ChatMessage, ChatToolCall } from '../protocol/chat/types.js';
import { checkChatToolPairing } from './check-chat-tool-pairing.js';
import { issueToErrorBody } from './issue-to-error-body.js';

function call(id: string): ChatToolCall {
  return { id, type: 'function', function: { name: 'get_weather', arguments: '{}' } };
}

function assistant(...ids: string[]): ChatMessage {
  return { role: 'assistant', content: null, tool_calls: ids.map(call) };
}

function toolMessage(id: string): ChatMessage {
  return { role: 'tool', tool_call_id: id, content: 'ok' };
}

const user: ChatMessage = { role: 'user', content: 'hi' };

describe('checkChatToolPairing', () => {
  it('accepts answered calls in any order and messages without calls', () => {
    expect(
      checkChatToolPairing([user, assistant('a', 'b'), toolMessage('b'), toolMessage('a'), user]),
    ).toEqual([]);
    expect(checkChatToolPairing([user, { role: 'assistant', content: 'hello' }, user])).toEqual([]);
  });

  it('E1 lists every missing id, in call order, separated by ", "', () => {
    const issues = checkChatToolPairing([
      user,
      assistant('call_1', 'call_2', 'call_3'),
      toolMessage('call_2'),
      user,
    ]);
    expect(issues.map((issue) => issueToErrorBody(issue))).toEqual([
      {
        error: {
          message:
            "An assistant message with 'tool_calls' must be followed by tool messages responding to each 'tool_call_id'. The following tool_call_ids did not have response messages: call_1, call_3",
          type: 'invalid_request_error',
          param: 'messages.[1].role',
          code: null,
        },
      },
    ]);
  });

  it('a tool message after a user message is orphaned (E2), once the open block is closed (E1)', () => {
    const issues = checkChatToolPairing([user, assistant('a'), user, toolMessage('a')]);
    expect(issues.map((issue) => [issue.code, issue.param])).toEqual([
      ['unanswered_tool_calls', 'messages.[1].role'],
      ['orphan_tool_message', 'messages.[3].role'],
    ]);
  });

  it('reports in scan order: a wrong id (E3) before the block’s missing ids (E1)', () => {
    const issues = checkChatToolPairing([user, assistant('a', 'b'), toolMessage('a'), toolMessage('zzz')]);
    expect(issues.map((issue) => [issue.code, issue.param])).toEqual([
      ['unknown_tool_call_id', 'messages.[3].role'],
      ['unanswered_tool_calls', 'messages.[1].role'],
    ]);
  });

  it('a second assistant turn closes the first block', () => {
    const issues = checkChatToolPairing([
      user,
      assistant('a'),
      toolMessage('a'),
      assistant('b'),
      toolMessage('a'),
    ]);
    expect(issues.map((issue) => issue.code)).toEqual(['unknown_tool_call_id', 'unanswered_tool_calls']);
  });

  it('ids named like Object.prototype members are plain strings', () => {
    expect(
      checkChatToolPairing([assistant('__proto__', 'constructor'), toolMessage('constructor')]),
    ).toMatchObject([
      { code: 'unanswered_tool_calls', message: expect.stringMatching(/messages: __proto__$/) },
    ]);
    expect(checkChatToolPairing([assistant('a'), toolMessage('toString')])[0]?.code).toBe(
      'unknown_tool_call_id',
    );
  });
});
