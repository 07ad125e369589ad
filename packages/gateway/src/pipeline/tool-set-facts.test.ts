import { isShared } from '@toolbridge/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseJsonText } from '../routes/read-json-body.js';
import { createChatHistoryCache, createToolSetCache, parseModelRequest } from './tool-set-facts.js';

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

  describe('with a history cache', () => {
    const system = { role: 'system', content: 'You are a helpful agent with tools.' };
    const user = { role: 'user', content: 'What is the weather in Paris?' };
    const call = {
      role: 'assistant',
      content: null,
      tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'a', arguments: '{"q":"Paris"}' } }],
    };
    const result = { role: 'tool', tool_call_id: 'call_1', content: '{"temp":21}' };
    const answer = { role: 'assistant', content: 'It is 21 degrees.' };
    const turn1 = [system, user];
    const turn2 = [system, user, call, result];
    const turn3 = [system, user, call, result, answer, { role: 'user', content: 'And in Rome?' }];

    function parseBoth(
      caches: {
        tools: ReturnType<typeof createToolSetCache>;
        history: ReturnType<typeof createChatHistoryCache>;
      },
      text: string,
    ): unknown {
      try {
        return { body: parseModelRequest(caches.tools, text, parseJsonText, caches.history).body };
      } catch (error) {
        return { error: (error as Error).message };
      }
    }

    it('reuses the parsed messages of earlier turns and parses only the new ones', () => {
      const toolSets = createToolSetCache();
      const history = createChatHistoryCache();
      const bodies = [turn1, turn2, turn3].map((messages) => ({ model: 'm', messages, tools }));
      const parsed = bodies.map(
        (body) =>
          parseModelRequest(toolSets, JSON.stringify(body), parseJsonText, history).body as {
            messages: readonly unknown[];
          },
      );
      for (const [index, body] of parsed.entries()) expect(body).toEqual(bodies[index]);
      const [one, two, three] = parsed.map((body) => body.messages);
      // Every turn's earlier messages are the very objects parsed the first time, frozen and shared.
      expect(two?.[0]).toBe(one?.[0]);
      expect(two?.[1]).toBe(one?.[1]);
      expect(three?.[3]).toBe(two?.[3]);
      expect(isShared(three)).toBe(true);
      expect(Object.isFrozen(three?.[5])).toBe(true);
      // The same turn again (a retry) shares the whole array; one entry per conversation is kept.
      const again = parseModelRequest(toolSets, JSON.stringify(bodies[2]), parseJsonText, history).body as {
        messages: unknown;
      };
      expect(again.messages).toBe(three);
      expect(history.size).toBe(JSON.stringify(turn3).length - 1);
    });

    it('keeps a new conversation whose tools are already kept', () => {
      const toolSets = createToolSetCache();
      const history = createChatHistoryCache();
      parseModelRequest(toolSets, JSON.stringify({ model: 'm', tools }), parseJsonText, history);
      const read = (messages: unknown[]) =>
        (
          parseModelRequest(toolSets, JSON.stringify({ model: 'm', messages, tools }), parseJsonText, history)
            .body as { messages: readonly unknown[] }
        ).messages;
      const one = read(turn1);
      expect(isShared(one)).toBe(true);
      expect(read(turn2)[0]).toBe(one[0]);
    });

    it('reads every text exactly as a full parse does around a kept history', () => {
      const caches = { tools: createToolSetCache(), history: createChatHistoryCache() };
      const kept = JSON.stringify(turn2);
      const elements = kept.slice(0, -1);
      parseModelRequest(caches.tools, `{"model":"m","messages":${kept}}`, parseJsonText, caches.history);
      const deep = `${'['.repeat(80)}${']'.repeat(80)}`;
      const texts = [
        `{"model":"m","messages":${kept}}`,
        `{"model":"m","messages":${elements},{"role":"user","content":"next"}]}`,
        `{"model":"m","messages":${elements} , {"role":"user","content":"next"} ]}`,
        `{"model":"m","messages":${elements},{"role":"user","content":"next"}],"tools":${toolsText}}`,
        `{"tools":${toolsText},"model":"m","messages":${elements},{"role":"user"}]}`,
        // Broken JSON after the kept elements.
        `{"model":"m","messages":${elements},]}`,
        `{"model":"m","messages":${elements},}`,
        `{"model":"m","messages":${elements}}`,
        `{"model":"m","messages":${elements},{"role":"user","content":"x"}]`,
        `{"model":"m","messages":${elements},${deep}]}`,
        // The kept text is not the top-level messages, or another key follows.
        `{"x":{"messages":${kept}},"messages":[]}`,
        `{"messages":${kept},"messages":[]}`,
        `{"messages":${elements},"x"],"\u006dessages":null}`,
        `["messages":${kept}]`,
        `{"messages":${elements}]}`,
      ];
      for (const text of texts) expect(parseBoth(caches, text), text).toEqual(fullParse(text));
    });

    it('agrees with a full parse on generated bodies around a kept history', () => {
      const caches = { tools: createToolSetCache(), history: createChatHistoryCache() };
      const kept = JSON.stringify(turn2);
      const elements = kept.slice(0, -1);
      parseModelRequest(caches.tools, JSON.stringify({ messages: turn2 }), parseJsonText, caches.history);
      const piece = fc.oneof(
        fc.constantFrom(
          '{',
          '}',
          '[',
          ']',
          ',',
          ':',
          '"',
          '\\',
          '"messages"',
          '"messages":',
          'null',
          ' ',
          kept,
        ),
        fc.json(),
      );
      let valid = 0;
      fc.assert(
        fc.property(
          fc.array(piece, { maxLength: 6 }),
          fc.array(piece, { maxLength: 6 }),
          fc.array(piece, { maxLength: 6 }),
          (before, inside, after) => {
            const text = `${before.join('')}"messages":${elements}${inside.join('')}${after.join('')}`;
            const full = fullParse(text);
            expect(parseBoth(caches, text)).toEqual(full);
            if ('body' in (full as object)) valid++;
          },
        ),
        {
          numRuns: 2000,
          examples: [
            [['{'], [']'], ['}']],
            [['{'], [',', '{}', ']'], ['}']],
            [
              ['{"a":', '{', '}', ','],
              [',', 'null', ']'],
              [',', '"b"', ':', 'null', '}'],
            ],
          ],
        },
      );
      expect(valid).toBeGreaterThan(2);
    });
  });
});
