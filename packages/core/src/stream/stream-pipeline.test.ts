import { describe, expect, it } from 'vitest';
import { canonicalToChatChunks } from './canonical-to-chat-chunks.js';
import { canonicalToResponsesEvents } from './canonical-to-responses-events.js';
import { chatChunksToCanonical } from './chat-chunks-to-canonical.js';
import { decodeChatChunks } from './decode-chat-chunks.js';
import { decodeSse } from './decode-sse.js';
import { encodeChatSse } from './encode-chat-sse.js';
import { responseSkeleton } from './test-kit.case.js';

const chunk = (delta: object, finishReason: string | null = null) =>
  encodeChatSse({
    id: 'c',
    object: 'chat.completion.chunk',
    created: 1,
    model: 'm',
    choices: [{ index: 0, delta, finish_reason: finishReason }],
  });

/** An upstream body that records how far it has been read and whether it was closed. */
function upstream(frames: string[]) {
  const state = { reads: 0, closed: false };
  async function* body(): AsyncIterable<string> {
    try {
      for (const frame of frames) {
        state.reads += 1;
        yield frame;
      }
    } finally {
      state.closed = true;
    }
  }
  return { state, body: body() };
}

const frames = [
  chunk({ role: 'assistant', content: '' }),
  chunk({ content: 'Hel' }),
  chunk({ content: 'lo' }),
  chunk({}, 'stop'),
  'data: [DONE]\n\n',
];

describe('stream pipeline: bytes → canonical → client payloads', () => {
  it('is incremental: a text delta reaches the client before the next upstream read', async () => {
    const { state, body } = upstream(frames);
    const events = chatChunksToCanonical(decodeChatChunks(decodeSse(body)));
    const out = canonicalToResponsesEvents(events, { response: responseSkeleton() })[Symbol.asyncIterator]();
    const seen: Array<[string, number]> = [];
    for (let next = await out.next(); !next.done; next = await out.next())
      seen.push([next.value.type, state.reads]);
    const firstDelta = seen.find(([type]) => type === 'response.output_text.delta');
    expect(firstDelta).toEqual(['response.output_text.delta', 2]);
  });

  it('closes the upstream when the client stops reading', async () => {
    const { state, body } = upstream(frames);
    const payloads = canonicalToChatChunks(chatChunksToCanonical(decodeChatChunks(decodeSse(body))), {
      id: 'x',
      created: 1,
      model: 'm',
      includeUsage: false,
    });
    for await (const _payload of payloads) break;
    expect(state.closed).toBe(true);
    expect(state.reads).toBeLessThan(frames.length);
  });
});
