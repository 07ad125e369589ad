import { describe, expect, it } from 'vitest';
import { checkToolList } from '../validate/check-tool-list.js';
import { resolveRequestValidationOptions } from '../validate/request-validation-options.js';
import { validateChatRequest } from '../validate/validate-chat-request.js';
import { ToolSetCache } from './tool-set-cache.js';

const tool = (name: string, extra: Record<string, unknown> = {}) => ({
  type: 'function',
  function: { name, parameters: { type: 'object', properties: { q: { type: 'string', ...extra } } } },
});

const body = (tools: unknown[], content = 'hi') =>
  JSON.stringify({ model: 'm', messages: [{ role: 'user', content }], tools });

describe('ToolSetCache key', () => {
  it('finds the array after the key, with or without whitespace', () => {
    const cache = new ToolSetCache<number>();
    const compact = body([tool('a')]);
    cache.resolve(compact, () => 1);
    const compactAt = cache.find(compact)?.start ?? -1;
    expect(compact[compactAt]).toBe('[');
    const spaced = '{"model": "m", "tools" :\n [ {"type": "function"} ], "messages": []}';
    cache.resolve(spaced, () => 2);
    const spacedAt = cache.find(spaced)?.start ?? -1;
    expect(spaced.slice(spacedAt, spacedAt + 3)).toBe('[ {');
  });

  it('finds the first key only', () => {
    const cache = new ToolSetCache<number>();
    expect(cache.resolve('{"model":"m","messages":[]}', () => 1)).toBeUndefined();
    // The first "tools" holds an object: no array is located, so nothing is kept or found.
    const nested = '{"x":{"tools":{}},"tools":[1]}';
    expect(cache.resolve(nested, () => 1)).toBeUndefined();
    expect(cache.find(nested)).toBeUndefined();
  });
});

describe('ToolSetCache', () => {
  it('returns the same value for the same tools while the rest of the body changes', () => {
    const cache = new ToolSetCache<{ n: number }>();
    let created = 0;
    const make = () => ({ n: ++created });
    const tools = [tool('a'), tool('b', { pattern: '^[a-z"\\]]+$' })];
    const first = cache.resolve(body(tools, 'one'), make);
    const second = cache.resolve(body(tools, 'two, longer history'), make);
    expect(first).toEqual({ n: 1 });
    expect(second).toBe(first);
    expect(created).toBe(1);
  });

  it('keeps tool sets that share a long prefix apart', () => {
    const cache = new ToolSetCache<string>();
    const shared = Array.from({ length: 10 }, (_, index) => tool(`shared_${index}`));
    const one = cache.resolve(body([...shared, tool('x')]), () => 'one');
    const two = cache.resolve(body([...shared, tool('y')]), () => 'two');
    const prefixOnly = cache.resolve(body(shared), () => 'three');
    expect([one, two, prefixOnly]).toEqual(['one', 'two', 'three']);
    expect(cache.resolve(body([...shared, tool('x')], 'again'), () => 'new')).toBe('one');
  });

  it('keeps nothing when the first "tools" key is not the top-level one', () => {
    const cache = new ToolSetCache<string>();
    const tools = [tool('a')];
    cache.resolve(body(tools), () => 'top');
    // The same array text nested before the real tools, literally or with the real key escaped.
    const nested = JSON.stringify({ model: 'm', response_format: { x: { tools } }, tools: [tool('b')] });
    expect(cache.resolve(nested, () => 'nested')).toBeUndefined();
    const escaped = `{"model":"m","x":{"tools":${JSON.stringify(tools)}},"\\u0074ools":[]}`;
    expect(JSON.parse(escaped).tools).toEqual([]);
    expect(cache.resolve(escaped, () => 'escaped')).toBeUndefined();
    const escapedBefore = `{"\\u0074ools":[],"x":{"tools":${JSON.stringify(tools)}}}`;
    expect(cache.resolve(escapedBefore, () => 'escaped')).toBeUndefined();
    // A "tools" property inside the tools themselves is fine: the first key is the top-level one.
    const inner = [
      tool('c', { description: 'x' }),
      { type: 'function', function: { name: 'd', parameters: { properties: { tools: {} } } } },
    ];
    expect(cache.resolve(body(inner), () => 'inner')).toBe('inner');
    expect(cache.resolve(body(inner, 'again'), () => 'other')).toBe('inner');
  });

  it('keeps no tool set longer than 64 KB, so what clients send cannot grow it without bound', () => {
    const cache = new ToolSetCache<string>();
    const huge = [tool('big', { description: 'x'.repeat(70 * 1024) })];
    expect(cache.resolve(body(huge), () => 'huge')).toBeUndefined();
    expect(cache.resolve(body([tool('small')]), () => 'small')).toBe('small');
  });

  it('finds a kept set without creating one, with where its text sits', () => {
    const cache = new ToolSetCache<string>();
    const tools = [tool('a'), tool('b')];
    expect(cache.find(body(tools))).toBeUndefined();
    cache.resolve(body(tools), () => 'kept');
    const text = body(tools, 'a later turn');
    const hit = cache.find(text);
    expect(hit?.value).toBe('kept');
    expect(text.slice(hit?.start, hit?.end)).toBe(JSON.stringify(tools));
    expect(cache.find(body([tool('a')]))).toBeUndefined();
    // Only the first "tools" key's array is looked at; whether that key is the top-level one is the
    // caller's to prove (a nested first key still finds the set).
    expect(cache.find(JSON.stringify({ tools: [tool('z')], x: { tools } }))).toBeUndefined();
    const nested = JSON.stringify({ x: { tools }, tools: [] });
    const found = cache.find(nested);
    expect(found?.value).toBe('kept');
    expect(nested.slice(found?.start, found?.end)).toBe(JSON.stringify(tools));
  });

  it('finds a short set whatever follows it in the body', () => {
    const cache = new ToolSetCache<string>();
    const tools = [tool('a')];
    cache.resolve(JSON.stringify({ model: 'm', tools, user: 'one' }), () => 'kept');
    expect(cache.find(JSON.stringify({ model: 'm', tools, user: 'another', stream: true }))?.value).toBe(
      'kept',
    );
  });

  it('keeps nothing when the tools cannot be located cheaply', () => {
    const cache = new ToolSetCache<string>();
    expect(cache.resolve('{"\\u0074ools":[1]}', () => 'x')).toBeUndefined();
  });
});

describe('validateChatRequest with a tool-list memo', () => {
  it('reuses the tools checks of a tool set, issues included', () => {
    const invalid = { model: 'm', messages: [{ role: 'user', content: 'hi' }], tools: [tool('bad name!')] };
    const memo = {};
    const first = validateChatRequest(invalid, undefined, memo);
    const again = validateChatRequest(
      { ...invalid, messages: [{ role: 'user', content: 'other' }] },
      undefined,
      memo,
    );
    expect(first.ok).toBe(false);
    expect(again).toEqual(first);
    const direct = checkToolList({
      tools: invalid.tools,
      endpoint: 'chat',
      validation: resolveRequestValidationOptions(),
    });
    expect(memo).toEqual({ chat: direct });
  });
});
