import { describe, expect, it } from 'vitest';
import { CoreError } from '../errors/core-error.js';
import { decodeSse } from './decode-sse.js';
import { CHAT_SSE_DONE, encodeChatSse } from './encode-chat-sse.js';
import { encodeResponsesSse } from './encode-responses-sse.js';
import { chunked, collect, fromArray } from './test-kit.case.js';

describe('encodeChatSse', () => {
  it('frames a payload as one data line and never an event line (chat-completions.md#streaming)', () => {
    const frame = encodeChatSse({ id: 'x', text: 'a\nb' });
    expect(frame).toBe('data: {"id":"x","text":"a\\nb"}\n\n');
    expect(frame).not.toMatch(/^event:/m);
    expect(CHAT_SSE_DONE).toBe('data: [DONE]\n\n');
  });
});

describe('encodeResponsesSse', () => {
  it('writes the event name equal to the JSON type (responses.md#streaming)', () => {
    const frame = encodeResponsesSse({ type: 'response.output_text.delta', sequence_number: 4, delta: 'Hi' });
    expect(frame).toBe(
      'event: response.output_text.delta\ndata: {"type":"response.output_text.delta","sequence_number":4,"delta":"Hi"}\n\n',
    );
  });

  it('refuses a type that would break the frame', () => {
    expect(() => encodeResponsesSse({ type: 'x\ndata: y', sequence_number: 0 })).toThrow(CoreError);
  });
});

describe('decodeSse', () => {
  it('handles CRLF, comments, multi-line data and event names', async () => {
    const text =
      ': keep-alive\r\n\r\nevent: response.created\r\ndata: {"a":\r\ndata: 1}\r\n\r\ndata: [DONE]\r\n\r\n';
    const messages = await collect(decodeSse(fromArray([text])));
    expect(messages).toEqual([{ event: 'response.created', data: '{"a":\n1}' }, { data: '[DONE]' }]);
  });

  it('reassembles events and multi-byte characters split across reads', async () => {
    const bytes = new TextEncoder().encode('data: {"t":"héllo ☀️ 𝄞"}\n\ndata: {"t":"b"}\n\n');
    const messages = await collect(decodeSse(chunked(bytes, 1)));
    expect(messages.map((message) => message.data)).toEqual(['{"t":"héllo ☀️ 𝄞"}', '{"t":"b"}']);
  });

  it('ignores one byte order mark at the start of the stream, even split across reads', async () => {
    const bytes = new TextEncoder().encode('\uFEFFdata: {"a":1}\n\ndata: \uFEFF2\n\n');
    expect(bytes.slice(0, 3)).toEqual(new Uint8Array([0xef, 0xbb, 0xbf]));
    for (const size of [1, 2, bytes.length]) {
      const messages = await collect(decodeSse(chunked(bytes, size)));
      expect(messages.map((message) => message.data)).toEqual(['{"a":1}', '\uFEFF2']);
    }
    const text = await collect(decodeSse(fromArray(['\uFEFFdata: x\n\n'])));
    expect(text).toEqual([{ data: 'x' }]);
  });

  it('replaces invalid UTF-8 with U+FFFD instead of failing', async () => {
    const bytes = new Uint8Array([
      ...new TextEncoder().encode('data: a'),
      0xff,
      ...new TextEncoder().encode('b\n\n'),
    ]);
    const messages = await collect(decodeSse(chunked(bytes, 3)));
    expect(messages).toEqual([{ data: 'a\uFFFDb' }]);
  });

  it('yields each event as soon as its blank line arrives', async () => {
    const seen: string[] = [];
    async function* source(): AsyncIterable<string> {
      yield 'data: 1\n\n';
      seen.push('after first read');
      yield 'data: 2\n\n';
    }
    for await (const message of decodeSse(source())) seen.push(message.data);
    expect(seen).toEqual(['1', 'after first read', '2']);
  });

  it('drops an unfinished event at end of input, as the SSE standard says', async () => {
    const messages = await collect(decodeSse(fromArray(['data: 1\n\ndata: {"cut'])));
    expect(messages).toEqual([{ data: '1' }]);
  });

  it('bounds the size of one event', async () => {
    const source = fromArray([`data: ${'x'.repeat(100)}`]);
    await expect(collect(decodeSse(source, { maxEventChars: 50 }))).rejects.toMatchObject({
      code: 'stream_limit_exceeded',
    });
  });
});
