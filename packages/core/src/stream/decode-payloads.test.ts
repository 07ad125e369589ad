import { describe, expect, it } from 'vitest';
import { decodeChatChunks } from './decode-chat-chunks.js';
import { decodeResponsesEvents } from './decode-responses-events.js';
import type { SseMessage } from './decode-sse.js';
import { collect, fromArray } from './test-kit.case.js';

describe('decodeChatChunks', () => {
  it('parses payloads and stops at [DONE] without reading further', async () => {
    let readAfterDone = false;
    async function* messages(): AsyncIterable<SseMessage> {
      yield { data: '{"a":1}' };
      yield { data: '' };
      yield { data: '[DONE]' };
      readAfterDone = true;
      yield { data: '{"b":2}' };
    }
    expect(await collect(decodeChatChunks(messages()))).toEqual([{ a: 1 }]);
    expect(readAfterDone).toBe(false);
  });

  it('throws invalid_stream with the start of a malformed payload', async () => {
    const result = collect(decodeChatChunks(fromArray([{ data: '{"choices": [' }])));
    await expect(result).rejects.toMatchObject({
      code: 'invalid_stream',
      message: expect.stringContaining('{\\"choices\\": ['),
    });
  });
});

describe('decodeResponsesEvents', () => {
  it('takes a missing type from the event line and ends at an Open Responses [DONE]', async () => {
    const events = await collect(
      decodeResponsesEvents(
        fromArray([
          { event: 'response.created', data: '{"sequence_number":0}' },
          { data: '[DONE]' },
          { data: '{}' },
        ]),
      ),
    );
    expect(events).toEqual([{ type: 'response.created', sequence_number: 0 }]);
  });

  it('rejects non-object events and malformed JSON', async () => {
    await expect(collect(decodeResponsesEvents(fromArray([{ data: '[1]' }])))).rejects.toMatchObject({
      code: 'invalid_stream',
    });
    await expect(collect(decodeResponsesEvents(fromArray([{ data: 'nope' }])))).rejects.toMatchObject({
      code: 'invalid_stream',
    });
  });
});
