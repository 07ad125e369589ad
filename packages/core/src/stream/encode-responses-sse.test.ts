import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { freezeShared } from '../json/frozen.js';
import { stringifyWithShared } from '../json/stringify-shared.js';
import type { ResponsesStreamEvent } from '../protocol/responses/types.js';
import {
  encodeResponsesSse,
  encodeResponsesSseBatch,
  stringifyResponsesEvent,
} from './encode-responses-sse.js';

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

  it('writes a Response already serialised from its text, and leaves every other event alone', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue()), (responseRest) => {
        const final = { ...responseRest, id: 'resp_1', status: 'completed', tools: sharedTools() };
        const serialized = { value: final, text: stringifyWithShared(final, 'tools') };
        const events = [
          { type: 'response.created', sequence_number: 0, response: { ...final, status: 'in_progress' } },
          { type: 'response.output_text.delta', sequence_number: 1, delta: 'x' },
          { type: 'response.completed', sequence_number: 2, response: final },
        ] as unknown as ResponsesStreamEvent[];
        expect(encodeResponsesSseBatch(events, serialized)).toBe(
          events.map((event) => `event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`).join(''),
        );
      }),
    );
  });

  it('takes the Response’s text from the caller instead of serialising it again', () => {
    const final = { id: 'resp_1', status: 'completed', output: [] };
    const event = { type: 'response.completed', sequence_number: 3, response: final };
    // A text that differs from the object proves it was used (callers pass the object's own JSON).
    const text = '{"id":"resp_1","status":"completed","output":[],"written":"once"}';
    expect(stringifyResponsesEvent(event, { value: final, text })).toBe(
      `{"type":"response.completed","sequence_number":3,"response":${text}}`,
    );
    // Another Response (not the serialised one) is written from itself.
    const other = { type: 'response.created', sequence_number: 0, response: { ...final } };
    expect(stringifyResponsesEvent(other, { value: final, text })).toBe(JSON.stringify(other));
  });
});
