import OpenAI from 'openai';
import { expect, it } from 'vitest';
import { createChatTransport } from './chat-transport.js';
import { describeTransportConformance } from './transport.case.js';

// The behaviour is checked by the shared conformance suite; this file adds what is Chat's own.
describeTransportConformance('chat', (client) => createChatTransport({ client }));

it('speaks Chat Completions and keeps no server-side state', () => {
  const transport = createChatTransport({
    client: new OpenAI({ apiKey: 'unused', baseURL: 'http://127.0.0.1:9/v1' }),
  });
  expect(transport.api).toBe('chat');
  expect(transport.keepsState).toBe(false);
});
