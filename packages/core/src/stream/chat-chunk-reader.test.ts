import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CoreError } from '../errors/core-error.js';
import type { CanonicalStreamEvent } from './canonical-stream-event.js';
import { ChatChunkReader } from './chat-chunk-reader.js';
import { chatChunkBatchesToCanonical, chatSseBatchesToCanonical } from './chat-chunks-to-canonical.js';
import { ChatFragment } from './chat-fragment.js';
import { ChatStreamDecoder } from './chat-stream-decoder.js';
import { decodeChatChunkBatches } from './decode-chat-chunks.js';
import { decodeSseBatches } from './decode-sse.js';
import { resolveStreamLimits } from './stream-limits.js';
import { chunked, collect, fixtureBytes, fixtureNames } from './test-kit.case.js';

// The reader must be invisible: whatever the payloads, the decoder releases exactly the events it
// releases from JSON.parse, errors included. The fast path only decides how much parsing that takes.

const limits = resolveStreamLimits();

type Outcome = { events: CanonicalStreamEvent[]; error: string | null };

/** Runs payloads through a decoder, each read by `read`; generated call ids are numbered in order. */
function decode(payloads: readonly string[], read: (data: string) => unknown): Outcome {
  const decoder = new ChatStreamDecoder(limits);
  const events: CanonicalStreamEvent[] = [];
  try {
    for (const data of payloads) events.push(...decoder.push(read(data)));
    events.push(...decoder.end());
    return { events: normalizeIds(events), error: null };
  } catch (error) {
    if (!CoreError.isInstance(error)) throw error;
    return { events: normalizeIds(events), error: `${error.code}: ${error.message}` };
  }
}

function normalizeIds(events: CanonicalStreamEvent[]): CanonicalStreamEvent[] {
  const seen = new Map<string, string>();
  const name = (id: string): string => {
    if (!id.startsWith('call_gen') && !id.startsWith('call_')) return id;
    if (!seen.has(id)) seen.set(id, `call#${seen.size}`);
    return seen.get(id) as string;
  };
  return events.map((event) => {
    if (event.type === 'tool-call-start' && !event.callId.startsWith('call_up'))
      return { ...event, callId: name(event.callId) };
    // Reasoning items get a generated id each time too.
    if (event.type === 'reasoning-start' || event.type === 'reasoning-end')
      return { ...event, item: { ...event.item, id: 'rs#' } };
    return event;
  });
}

function bothWays(payloads: readonly string[]): { parsed: Outcome; read: Outcome } {
  const reader = new ChatChunkReader();
  return {
    parsed: decode(payloads, (data) => JSON.parse(data)),
    read: decode(payloads, (data) => reader.read(data)),
  };
}

const head = { id: 'chatcmpl-reader', object: 'chat.completion.chunk', created: 1767225600, model: 'm' };
const chunk = (delta: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
  ...head,
  choices: [{ index: 0, delta, logprobs: null, finish_reason: null }],
  usage: null,
  ...extra,
});
const argumentChunk = (index: unknown, fragment: string) =>
  chunk({ tool_calls: [{ index, function: { arguments: fragment } }] });
const finishChunk = { ...head, choices: [{ index: 0, delta: {}, finish_reason: 'tool_calls' }], usage: null };

/** What the reader gave, as the chunk the decoder reads: a template hit as the chunk it stands for. */
const chunkOf = (read: unknown): unknown => (read instanceof ChatFragment ? read.toChunk() : read);

afterEach(() => vi.restoreAllMocks());

describe('ChatChunkReader', () => {
  const opening = [
    chunk({ role: 'assistant', content: null }),
    chunk({
      tool_calls: [{ index: 0, id: 'call_up1', type: 'function', function: { name: 'f', arguments: '' } }],
    }),
  ];
  const finish = [
    { ...head, choices: [{ index: 0, delta: {}, logprobs: null, finish_reason: 'tool_calls' }], usage: null },
    { ...head, choices: [], usage: { prompt_tokens: 1, completion_tokens: 2, total_tokens: 3 } },
  ];
  const fragments = ['{"ci', 'ty":', '"Pa', 'ris\\u00e9', ' \\"q\\"', '"}'];
  const payloads = [...opening, ...fragments.map((text) => argumentChunk(0, text)), ...finish].map((value) =>
    JSON.stringify(value),
  );

  it('reads repeated fragment chunks without parsing them whole, with the same events', () => {
    const parse = vi.spyOn(JSON, 'parse');
    const { parsed, read } = bothWays(payloads);
    expect(read).toEqual(parsed);
    expect(read.error).toBeNull();
    // JSON.parse of whole chunks: the bothWays baseline parses all 10; the reader parses the 2
    // openers, the first fragment (plus its proof) and the 2 closers — the 5 later fragments are read
    // from the template (those with escapes through JSON.parse of the fragment alone).
    const whole = parse.mock.calls.filter(([text]) => String(text).startsWith('{'));
    expect(whole).toHaveLength(payloads.length + 6);
  });

  it('hands the decoder the fragment alone on a hit, and whole chunks otherwise', () => {
    const reader = new ChatChunkReader();
    expect(chunkOf(reader.read(JSON.stringify(argumentChunk(0, 'ab'))))).toEqual(argumentChunk(0, 'ab'));
    const hit = reader.read(JSON.stringify(argumentChunk(0, 'c"d')));
    expect(hit).toEqual(new ChatFragment('arguments', 0, true, 'c"d'));
    expect(chunkOf(hit)).toEqual({
      choices: [{ index: 0, delta: { tool_calls: [{ index: 0, function: { arguments: 'c"d' } }] } }],
    });
    // Another call's fragments differ in the index inside the template's head: a whole parse.
    expect(chunkOf(reader.read(JSON.stringify(argumentChunk(1, 'x'))))).toEqual(argumentChunk(1, 'x'));
    expect(chunkOf(reader.read(JSON.stringify(chunk({ content: 'Hi' }))))).toEqual(chunk({ content: 'Hi' }));
    expect(chunkOf(reader.read(JSON.stringify(chunk({ content: ' there' }))))).toEqual({
      choices: [{ index: 0, delta: { content: ' there' } }],
    });
  });

  it('reads past OpenAI’s obfuscation member, whatever its value', () => {
    const parse = vi.spyOn(JSON, 'parse');
    const reader = new ChatChunkReader();
    const padded = (fragment: string, padding: string) =>
      JSON.stringify({ ...argumentChunk(0, fragment), obfuscation: padding });
    reader.read(padded('a', 'Xy'));
    parse.mockClear();
    expect(chunkOf(reader.read(padded('b', 'qwerty12')))).toEqual({
      choices: [{ index: 0, delta: { tool_calls: [{ index: 0, function: { arguments: 'b' } }] } }],
    });
    expect(chunkOf(reader.read(padded('c', '')))).toMatchObject({
      choices: [{ delta: { tool_calls: [{ function: { arguments: 'c' } }] } }],
    });
    expect(parse).not.toHaveBeenCalled();
    // A member after the padding is not padding: an error written there must reach the decoder.
    const trailing = JSON.stringify({
      ...argumentChunk(0, 'd'),
      obfuscation: 'q',
      error: 'boom',
    });
    expect(chunkOf(reader.read(trailing))).toEqual(JSON.parse(trailing));
  });

  it('parses whole a payload that only looks like the template: a fragment that breaks out of its string', () => {
    const reader = new ChatChunkReader();
    reader.read(JSON.stringify(argumentChunk(0, 'a')));
    const template = JSON.stringify(argumentChunk(0, 'PLACEHOLDER'));
    // Same text before and after the fragment, but the "fragment" closes the string and adds a name.
    const forged = template.replace('PLACEHOLDER', 'x","name":"other');
    expect(chunkOf(reader.read(forged))).toEqual(JSON.parse(forged));
    // Not JSON at all once the template is learned: the same error as without the reader.
    const broken = template.replace('PLACEHOLDER', 'x"oops');
    expect(() => reader.read(broken)).toThrowError(/not JSON/);
    const control = template.replace('PLACEHOLDER', 'line\nbreak');
    expect(() => reader.read(control)).toThrowError(/not JSON/);
  });

  it('keeps no template whose varying string is not the fragment the decoder reads', () => {
    // The last "content" key is not the delta's: a template on it would hand the decoder "r" as text.
    const payloads = ['q', 'r'].map((note) =>
      JSON.stringify(chunk({ content: 'a' }, { meta: { content: note } })),
    );
    const { parsed, read } = bothWays(payloads);
    expect(read).toEqual(parsed);
    const reader = new ChatChunkReader();
    reader.read(payloads[0] as string);
    expect(chunkOf(reader.read(payloads[1] as string))).toEqual(JSON.parse(payloads[1] as string));
  });

  it('routes a hit by the index the decoder would read, untrusted indexes and none included', () => {
    // A call opened without an index, then fragments whose index the decoder cannot use (or that have
    // none): each goes to the call the whole chunk would have gone to.
    const open = chunk({
      tool_calls: [{ id: 'call_up0', type: 'function', function: { name: 'f', arguments: '' } }],
    });
    for (const index of [-1, 1.5, '0', null, undefined, 0, 3]) {
      const fragments = ['{"a"', ':1', '}'].map((text) => JSON.stringify(argumentChunk(index, text)));
      const payloads = [JSON.stringify(open), ...fragments, JSON.stringify(finishChunk)];
      const { parsed, read } = bothWays(payloads);
      expect(read, `index ${String(index)}`).toEqual(parsed);
      const reader = new ChatChunkReader();
      for (const data of payloads.slice(0, 2)) reader.read(data);
      expect(reader.read(fragments[1] as string)).toBeInstanceOf(ChatFragment);
    }
  });

  it('learns nothing from chunks whose other members the decoder reads', () => {
    const parse = vi.spyOn(JSON, 'parse');
    const reader = new ChatChunkReader();
    const withUsage = (text: string) =>
      JSON.stringify(chunk({ content: text }, { usage: { total_tokens: 1 } }));
    const withFinish = (text: string) =>
      JSON.stringify({ ...head, choices: [{ index: 0, delta: { content: text }, finish_reason: 'stop' }] });
    for (const text of ['a', 'b', 'c']) reader.read(withUsage(text));
    for (const text of ['a', 'b', 'c']) reader.read(withFinish(text));
    expect(parse).toHaveBeenCalledTimes(6);
  });

  it('learns nothing from a delta with members it does not know, such as reasoning text beside the text', () => {
    const payloads = ['a', 'a', 'a'].map((thought) =>
      JSON.stringify(chunk({ content: '', reasoning_content: thought })),
    );
    const { parsed, read } = bothWays(payloads);
    expect(read).toEqual(parsed);
    expect(read.events.filter((event) => event.type === 'reasoning-delta')).toHaveLength(3);
  });

  it('learns nothing from chunks with logprobs, even the same ones: they are the client’s', () => {
    const logprobs = {
      content: [{ token: 'x', logprob: -0.5, bytes: [120], top_logprobs: [] }],
      refusal: null,
    };
    const withLogprobs = (delta: Record<string, unknown>) =>
      JSON.stringify({ ...head, choices: [{ index: 0, delta, logprobs, finish_reason: null }] });
    const payloads = [
      ...['a', 'b', 'c'].map((text) => withLogprobs({ content: text })),
      ...['{"a', '":', '1}'].map((text) =>
        withLogprobs({ tool_calls: [{ index: 0, function: { arguments: text } }] }),
      ),
    ];
    const parse = vi.spyOn(JSON, 'parse');
    const { parsed, read } = bothWays(payloads);
    expect(read).toEqual(parsed);
    expect(read.events.filter((event) => event.type === 'logprobs')).toHaveLength(6);
    // Both ways parse each payload whole; the reader tries no template (no proof parse).
    expect(parse).toHaveBeenCalledTimes(12);
  });

  it('stops learning on a stream whose chunks never repeat, so it costs at most four extra parses', () => {
    const parse = vi.spyOn(JSON, 'parse');
    const reader = new ChatChunkReader();
    for (let created = 0; created < 30; created++)
      reader.read(JSON.stringify(chunk({ content: 'x' }, { created })));
    expect(parse).toHaveBeenCalledTimes(30 + 4);
  });

  it('throws the decoder’s own error for a payload that is not JSON', () => {
    expect(() => new ChatChunkReader().read('{"choices":')).toThrowError(
      expect.objectContaining({ code: 'invalid_stream' }),
    );
  });
});

describe('chatSseBatchesToCanonical', () => {
  const fixtures = fixtureNames('chat-');

  it('finds the recorded Chat streams', () => {
    expect(fixtures).toContain('chat-ollama-no-index.sse');
    expect(fixtures.length).toBeGreaterThanOrEqual(9);
  });

  const events = async (convert: typeof chatSseBatchesToCanonical, name: string) =>
    normalizeIds((await collect(convert(decodeSseBatches(chunked(fixtureBytes(name)))))).flat());

  it.each(fixtures)('gives the events of the parse-everything path for %s', async (name) => {
    const expected = await events(
      (batches) => chatChunkBatchesToCanonical(decodeChatChunkBatches(batches)),
      name,
    );
    expect(expected.length).toBeGreaterThan(1);
    expect(await events(chatSseBatchesToCanonical, name)).toEqual(expected);
  });
});

// ----- property: any stream, both ways, the same events -----

/** Fragments with everything JSON escapes: quotes, backslashes, controls, non-ASCII, surrogates. */
const fragmentText = fc.oneof(
  fc.string({ maxLength: 8 }),
  fc.string({ unit: 'binary', maxLength: 6 }),
  fc.constantFrom('"', '\\', '\\"', '\n', '\u2028', 'é', '😀', '"}', '","name":"x', ''),
);

type Step =
  | { kind: 'text'; text: string }
  | { kind: 'args'; index: unknown; text: string }
  | { kind: 'open'; index: number }
  | { kind: 'finish' }
  | { kind: 'usage' }
  | { kind: 'raw'; text: string };

const deltaOf: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ kind: fc.constant('text' as const), text: fragmentText }),
  fc.record({
    kind: fc.constant('args' as const),
    // Indexes the decoder must not trust, and none at all (undefined: the member is left out).
    index: fc.oneof(fc.integer({ min: 0, max: 2 }), fc.constantFrom(-1, 1.5, '0', null, undefined)),
    text: fragmentText,
  }),
  fc.record({ kind: fc.constant('open' as const), index: fc.integer({ min: 0, max: 2 }) }),
  fc.record({ kind: fc.constant('finish' as const) }),
  fc.record({ kind: fc.constant('usage' as const) }),
  fc.record({
    kind: fc.constant('raw' as const),
    text: fc.constantFrom('{}', '[]', '{"choices":[{"delta":{"content":7}}]}'),
  }),
);

type Style = {
  spaced: boolean;
  obfuscate: string | null;
  extra: boolean;
  trailing: Record<string, unknown> | null;
};

function payloadOf(step: Step, style: Style) {
  let value: Record<string, unknown>;
  switch (step.kind) {
    case 'text':
      value = chunk({ content: step.text });
      break;
    case 'args':
      value = argumentChunk(step.index, step.text);
      break;
    case 'open':
      value = chunk({
        tool_calls: [
          {
            index: step.index,
            id: `call_up${step.index}`,
            type: 'function',
            function: { name: `f${step.index}`, arguments: '' },
          },
        ],
      });
      break;
    case 'finish':
      value = { ...head, choices: [{ index: 0, delta: {}, finish_reason: 'tool_calls' }], usage: null };
      break;
    case 'usage':
      value = { ...head, choices: [], usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 } };
      break;
    default:
      return step.text;
  }
  if (style.extra) value = { ...value, system_fingerprint: 'fp_x' };
  if (style.obfuscate !== null) value = { ...value, obfuscation: style.obfuscate };
  if (style.trailing !== null) value = { ...value, ...style.trailing };
  const text = JSON.stringify(value);
  // Python servers write ", " and ": " between members.
  return style.spaced ? JSON.stringify(value, null, 1).replace(/\n\s*/g, ' ') : text;
}

describe('ChatChunkReader (property)', () => {
  it('gives the decoder what JSON.parse gives it, for any stream', () => {
    fc.assert(
      fc.property(
        fc.array(deltaOf, { maxLength: 25 }),
        fc.boolean(),
        fc.option(fc.oneof(fc.stringMatching(/^[A-Za-z0-9]{0,12}$/), fc.string({ maxLength: 6 })), {
          nil: null,
        }),
        fc.boolean(),
        fc.option(
          fc.constantFrom<Record<string, unknown>>(
            { error: { message: 'boom' } },
            { error: 'boom' },
            { usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 } },
            { note: 'n' },
          ),
          { nil: null },
        ),
        (steps, spaced, obfuscate, extra, trailing) => {
          const style = { spaced, obfuscate, extra, trailing };
          const payloads = [
            JSON.stringify(chunk({ role: 'assistant', content: '' })),
            ...steps.map((step) => payloadOf(step, style)),
          ];
          const { parsed, read } = bothWays(payloads);
          expect(read).toEqual(parsed);
        },
      ),
      { numRuns: 400 },
    );
  });
});
