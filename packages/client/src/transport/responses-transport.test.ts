import OpenAI from 'openai';
import { expect, it } from 'vitest';
import { createResponsesTransport } from './responses-transport.js';
import { describeTransportConformance } from './transport.case.js';

// The behaviour is checked by the shared conformance suite; this file adds what is Responses' own.
describeTransportConformance('responses', (client) => createResponsesTransport({ client }));

it('speaks Responses and can continue a stored response with previous_response_id', () => {
  const transport = createResponsesTransport({
    client: new OpenAI({ apiKey: 'unused', baseURL: 'http://127.0.0.1:9/v1' }),
  });
  expect(transport.api).toBe('responses');
  expect(transport.keepsState).toBe(true);
});
