import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { freezeShared } from './frozen.js';
import { stringifyWithShared, stringifyWithText } from './stringify-shared.js';

const tools = () =>
  freezeShared([
    { type: 'function', function: { name: 'get_weather', parameters: { type: 'object', properties: {} } } },
    { type: 'function', function: { name: 'say "hi"\n', strict: true } },
  ]);

describe('stringifyWithShared', () => {
  it('writes exactly what JSON.stringify writes, wherever the shared member sits', () => {
    const shared = tools();
    const bodies: Record<string, unknown>[] = [
      { tools: shared, model: 'm' },
      { model: 'm', tools: shared, messages: [{ role: 'user', content: 'hi' }] },
      { model: 'm', messages: [], tool_choice: 'auto', tools: shared },
    ];
    for (const body of bodies) {
      const expected = JSON.stringify(body);
      expect(stringifyWithShared(body, 'tools')).toBe(expected);
      // Twice: the second write comes from the kept text.
      expect(stringifyWithShared(body, 'tools')).toBe(expected);
      expect(body['tools']).toBe(shared);
    }
  });

  it('matches JSON.stringify whatever the other members hold', () => {
    const shared = tools();
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue()), fc.string(), (rest, text) => {
        const body: Record<string, unknown> = { ...rest, content: `"tools":"${text}"`, tools: shared };
        expect(stringifyWithShared(body, 'tools')).toBe(JSON.stringify(body));
      }),
    );
  });

  it('falls back to JSON.stringify when the member is not shared or absent', () => {
    const plain = { model: 'm', tools: [{ type: 'function' }] };
    expect(stringifyWithShared(plain, 'tools')).toBe(JSON.stringify(plain));
    expect(stringifyWithShared({ model: 'm' }, 'tools')).toBe('{"model":"m"}');
  });

  it('puts the member back when serialising the rest throws', () => {
    const shared = tools();
    const body: Record<string, unknown> = { tools: shared, n: 1n };
    expect(() => stringifyWithShared(body, 'tools')).toThrow(TypeError);
    expect(body['tools']).toBe(shared);
  });
});

describe('stringifyWithShared inside an object (a stream event’s Response)', () => {
  it('writes exactly what JSON.stringify writes when the shared member sits in a nested holder', () => {
    const shared = tools();
    const response: Record<string, unknown> = { id: 'resp_1', output: [], tools: shared, usage: null };
    const event = { type: 'response.created', sequence_number: 0, response };
    expect(stringifyWithShared(event, 'tools', response)).toBe(JSON.stringify(event));
    expect(stringifyWithShared(event, 'tools', response)).toBe(JSON.stringify(event));
    expect(response['tools']).toBe(shared);
  });

  it('falls back to JSON.stringify when the holder is frozen, held twice or not held at all', () => {
    const shared = tools();
    const frozen = Object.freeze({ id: 'resp_1', tools: shared });
    const twice: Record<string, unknown> = { id: 'resp_2', tools: shared };
    const cases: Array<[object, Record<string, unknown>]> = [
      [{ type: 'e', response: frozen }, frozen],
      [{ type: 'e', response: twice, again: twice }, twice],
      [{ type: 'e', response: { tools: shared } }, twice],
    ];
    for (const [event, holder] of cases) {
      expect(stringifyWithShared(event, 'tools', holder)).toBe(JSON.stringify(event));
      expect(holder['tools']).toBe(shared);
    }
  });
});

describe('stringifyWithText', () => {
  it('writes exactly what JSON.stringify writes when the text is the member’s JSON', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue()), fc.jsonValue(), (rest, member) => {
        const response: Record<string, unknown> = { ...rest, id: 'resp_1', member };
        const event = { type: 'response.completed', sequence_number: 1, response };
        expect(stringifyWithText(event, 'response', JSON.stringify(response))).toBe(JSON.stringify(event));
        expect(event.response).toBe(response);
      }),
    );
  });

  it('falls back to JSON.stringify when the holder is frozen, lacks the key or is held twice', () => {
    const response = { id: 'resp_1' };
    const wrongText = '{"id":"not this"}';
    const frozen = Object.freeze({ type: 'e', response });
    const held: Record<string, unknown> = { type: 'e', response };
    const cases: Array<[object, string, Record<string, unknown> | undefined]> = [
      [frozen, 'response', undefined],
      [{ type: 'e' }, 'response', undefined],
      [{ first: held, second: held }, 'response', held],
      [{ type: 'e', response: {} }, 'response', held],
    ];
    for (const [object, key, holder] of cases) {
      expect(stringifyWithText(object, key, wrongText, holder)).toBe(JSON.stringify(object));
    }
    expect(held['response']).toBe(response);
  });
});
