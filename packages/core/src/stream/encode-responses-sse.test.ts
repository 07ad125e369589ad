import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { freezeShared } from '../json/frozen.js';
import type { ResponsesStreamEvent } from '../protocol/responses/types.js';
import { encodeResponsesSse, stringifyResponsesEvent } from './encode-responses-sse.js';

const sharedTools = () =>
  freezeShared([
    { type: 'function', name: 'lookup', description: null, parameters: { type: 'object' }, strict: true },
    { type: 'function', name: 'say "hi"\n', description: 'Ünïcode ✓', parameters: null, strict: false },
  ]);

describe('stringifyResponsesEvent', () => {
  it('writes what JSON.stringify writes, for events with and without a Response', () => {
    const tools = sharedTools();
    fc.assert(
      fc.property(
        fc.constantFrom('response.created', 'response.in_progress', 'response.completed'),
        fc.dictionary(fc.string(), fc.jsonValue()),
        fc.dictionary(fc.string(), fc.jsonValue()),
        (type, responseRest, eventRest) => {
          const withResponse = { ...eventRest, type, response: { ...responseRest, tools } };
          expect(stringifyResponsesEvent(withResponse)).toBe(JSON.stringify(withResponse));
          const plain = { ...eventRest, type: 'response.output_text.delta', delta: 'x' };
          expect(stringifyResponsesEvent(plain)).toBe(JSON.stringify(plain));
        },
      ),
    );
  });

  it('frames the same text encodeResponsesSse always framed', () => {
    const event = {
      type: 'response.completed',
      sequence_number: 9,
      response: { id: 'resp_1', status: 'completed', tools: sharedTools() },
    } as unknown as ResponsesStreamEvent;
    expect(encodeResponsesSse(event)).toBe(`event: response.completed\ndata: ${JSON.stringify(event)}\n\n`);
  });
});
