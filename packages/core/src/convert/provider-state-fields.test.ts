import { describe, expect, it } from 'vitest';
import type { CanonicalItem } from '../items/canonical.js';
import type { ChatAssistantMessage } from '../protocol/chat/types.js';
import { canonicalItemToOutputItem } from './build-response-object.js';
import { chatMessagesToItems } from './chat-messages-to-items.js';
import { itemsToChatMessages } from './items-to-chat-messages.js';
import { itemsToResponsesInput } from './items-to-responses-input.js';
import { responsesItemToCanonical } from './responses-input-to-items.js';

// A call's provider state rides on the client's wire both ways and never goes to an OpenAI-format
// upstream (docs/protocol/gemini.md, "Thought signatures"; case G-28 the other way round).
const state = 'tb1.gemini.gemini-3-flash.eyJzIjoiU0lHIn0';
const call: CanonicalItem = {
  type: 'function_call',
  callId: 'c1',
  name: 'get_weather',
  arguments: '{"city":"Paris"}',
  providerState: state,
};

describe('provider state carriers', () => {
  it('Chat: read from extra_content.google.thought_signature of an echoed assistant message', () => {
    const message: ChatAssistantMessage = {
      role: 'assistant',
      content: null,
      tool_calls: [
        {
          id: 'c1',
          type: 'function',
          function: { name: 'get_weather', arguments: '{}' },
          extra_content: { google: { thought_signature: state } },
        },
        { id: 'c2', type: 'function', function: { name: 'get_weather', arguments: '{}' } },
      ],
    };
    const items = chatMessagesToItems([message]);
    expect(items.map((item) => (item.type === 'function_call' ? item.providerState : null))).toEqual([
      state,
      undefined,
    ]);
  });

  it('Responses: written on output items as provider_state and read back from input items', () => {
    const output = canonicalItemToOutputItem(call);
    expect(output).toMatchObject({ type: 'function_call', call_id: 'c1', provider_state: state });
    const back = responsesItemToCanonical(output as never);
    expect(back).toMatchObject({ type: 'function_call', providerState: state });
  });

  it('never sent to an OpenAI-format upstream (Chat or Responses request)', () => {
    const adjustments: string[] = [];
    expect(JSON.stringify(itemsToChatMessages([call], adjustments))).not.toContain('tb1.');
    expect(JSON.stringify(itemsToResponsesInput([call], adjustments))).not.toContain('tb1.');
  });
});
