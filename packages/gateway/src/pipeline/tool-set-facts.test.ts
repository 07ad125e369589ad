import { isShared } from '@toolbridge/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseJsonText } from '../routes/read-json-body.js';
import { createToolSetCache, parseModelRequest } from './tool-set-facts.js';

const tool = (name: string) => ({
  type: 'function',
  function: { name, strict: true, parameters: { type: 'object', properties: { q: { type: 'string' } } } },
});
const tools = [tool('a'), tool('b')];
const toolsText = JSON.stringify(tools);

/** The full parse's outcome: the body, or the error message the client would get. */
function fullParse(text: string): unknown {
  try {
    return { body: parseJsonText(text) };
  } catch (error) {
    return { error: (error as Error).message };
  }
}

function cachedParse(cache: ReturnType<typeof createToolSetCache>, text: string): unknown {
  try {
    return { body: parseModelRequest(cache, text, parseJsonText).body };
  } catch (error) {
    return { error: (error as Error).message };
  }
}

describe('parseModelRequest', () => {
  it('shares one frozen tools array between the requests of a set', () => {
    const cache = createToolSetCache();
    const first = parseModelRequest(
      cache,
      JSON.stringify({ model: 'm', messages: [], tools }),
      parseJsonText,
    );
    const second = parseModelRequest(
      cache,
      JSON.stringify({ model: 'm', messages: [{ role: 'user', content: 'next' }], tools }),
      parseJsonText,
    );
    expect(first.toolSet).toBeDefined();
    expect(second.toolSet).toBe(first.toolSet);
    const [one, two] = [first.body, second.body] as { tools: unknown; messages: unknown }[];
    expect(two?.tools).toBe(one?.tools);
    expect(isShared(two?.tools)).toBe(true);
    expect(two).toEqual({ model: 'm', messages: [{ role: 'user', content: 'next' }], tools });
    // Member order stays the body's own.
    expect(Object.keys(two ?? {})).toEqual(['model', 'messages', 'tools']);
  });

  it('reads every text exactly as a full parse does, tricky ones included', () => {
    const cache = createToolSetCache();
    parseModelRequest(cache, JSON.stringify({ model: 'm', tools }), parseJsonText);
    const deep = `${'['.repeat(80)}${']'.repeat(80)}`;
    const texts = [
      `{"model":"m","tools":${toolsText}}`,
      `{"model":"m","tools":${toolsText},"messages":[{"role":"user","content":"\\"tools\\":[]"}]}`,
      // Broken JSON around a kept set: the client gets the full parse's own error.
      `{"model":"m","tools":${toolsText}`,
      `{"model":"m","tools":${toolsText},}`,
      `{"model":"m" "tools":${toolsText}}`,
      `["tools":${toolsText}]`,
      `{"x":"tools":${toolsText}}`,
      // Too deep outside the tools.
      `{"model":"m","tools":${toolsText},"x":${deep}}`,
      // The kept text is not the top-level tools.
      `{"x":{"tools":${toolsText}},"tools":[]}`,
      `{"tools":${toolsText},"tools":[]}`,
      `{"tools":${toolsText},"\\u0074ools":null}`,
      `{"\\u0074ools":1,"x":{"tools":${toolsText}}}`,
      `{"tools":${toolsText}}`,
      `{"tools" : ${toolsText} , "model":"m"}`,
    ];
    for (const text of texts) expect(cachedParse(cache, text), text).toEqual(fullParse(text));
  });

  it('agrees with a full parse on generated bodies around a kept set', () => {
    const cache = createToolSetCache();
    parseModelRequest(cache, JSON.stringify({ tools }), parseJsonText);
    const piece = fc.oneof(
      fc.constantFrom('{', '}', '[', ']', ',', ':', '"', '\\', '"tools"', '"tools":', 'null', ' ', toolsText),
      fc.json(),
    );
    let valid = 0;
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 8 }), fc.array(piece, { maxLength: 8 }), (before, after) => {
        const text = `${before.join('')}"tools":${toolsText}${after.join('')}`;
        const full = fullParse(text);
        expect(cachedParse(cache, text)).toEqual(full);
        if ('body' in (full as object)) valid++;
      }),
      {
        numRuns: 2000,
        examples: [
          [['{'], ['}']],
          [
            ['{"a":', '{', '}', ','],
            [',', '"b"', ':', 'null', '}'],
          ],
        ],
      },
    );
    // Some generated bodies are valid JSON, so the shared path was compared too, not only errors.
    expect(valid).toBeGreaterThan(1);
  });

  it('keeps nothing for a body without tools, or with an empty list', () => {
    const cache = createToolSetCache();
    expect(parseModelRequest(cache, '{"model":"m"}', parseJsonText).toolSet).toBeUndefined();
    expect(parseModelRequest(cache, '{"model":"m","tools":[]}', parseJsonText).toolSet).toBeUndefined();
  });
});
