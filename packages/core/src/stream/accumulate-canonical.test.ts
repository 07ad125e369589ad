import { describe, expect, it } from 'vitest';
import { CoreError } from '../errors/core-error.js';
import { accumulateCanonical } from './accumulate-canonical.js';
import type { CanonicalStreamEvent } from './canonical-stream-event.js';
import { chatChunksToCanonical } from './chat-chunks-to-canonical.js';
import { responsesEventsToCanonical } from './responses-events-to-canonical.js';
import { chatFixture, fromArray, responsesFixture } from './test-kit.case.js';

const start: CanonicalStreamEvent = { type: 'response-start', id: 'resp_1', model: 'm', createdAt: 9 };

describe('accumulateCanonical', () => {
  it('collects text, refusal, calls and reasoning with their item ids', async () => {
    const response = await accumulateCanonical(
      fromArray<CanonicalStreamEvent>([
        start,
        { type: 'reasoning', item: { id: 'rs_1', type: 'reasoning', summary: [] } },
        { type: 'text-start', itemId: 'msg_1' },
        { type: 'text-delta', delta: 'a' },
        { type: 'text-delta', delta: 'b' },
        { type: 'refusal-delta', delta: 'no' },
        { type: 'text-end' },
        { type: 'tool-call-start', callId: 'call_1', name: 'f', itemId: 'fc_1' },
        { type: 'tool-call-delta', delta: '{"x":' },
        { type: 'tool-call-delta', delta: '1}' },
        { type: 'tool-call-end', arguments: '{"x":1}' },
        { type: 'finish', finishReason: 'tool_calls', usage: null },
      ]),
    );
    expect(response).toEqual({
      id: 'resp_1',
      model: 'm',
      createdAt: 9,
      finishReason: 'tool_calls',
      usage: null,
      output: [
        { type: 'reasoning', id: 'rs_1', raw: { id: 'rs_1', type: 'reasoning', summary: [] } },
        {
          type: 'message',
          id: 'msg_1',
          role: 'assistant',
          status: 'completed',
          content: [
            { type: 'text', text: 'ab' },
            { type: 'refusal', refusal: 'no' },
          ],
        },
        {
          type: 'function_call',
          id: 'fc_1',
          callId: 'call_1',
          name: 'f',
          arguments: '{"x":1}',
          status: 'completed',
        },
      ],
    });
  });

  it('marks the item a length finish cut off as incomplete', async () => {
    const response = await accumulateCanonical(
      responsesEventsToCanonical(responsesFixture('responses-incomplete.sse')),
    );
    expect(response.finishReason).toBe('length');
    expect(response.output).toEqual([
      expect.objectContaining({
        type: 'message',
        status: 'incomplete',
        content: [{ type: 'text', text: 'Once upon a time there was a' }],
      }),
    ]);
  });

  it('answers a non-streaming client from a Chat upstream', async () => {
    const response = await accumulateCanonical(chatChunksToCanonical(chatFixture('chat-usage.sse')));
    expect(response).toMatchObject({
      id: 'chatcmpl-ABfwUsage000000000000000000003',
      finishReason: 'stop',
      usage: { totalTokens: 209 },
    });
  });

  it('throws a CoreError with the stream error as cause, keeping stream codes', async () => {
    const failed = accumulateCanonical(responsesEventsToCanonical(responsesFixture('responses-failed.sse')));
    await expect(failed).rejects.toBeInstanceOf(CoreError);
    await expect(failed).rejects.toMatchObject({
      code: 'invalid_stream',
      cause: { code: 'insufficient_quota' },
    });
    const truncated = accumulateCanonical(chatChunksToCanonical(chatFixture('chat-truncated.sse')));
    await expect(truncated).rejects.toMatchObject({
      code: 'invalid_stream',
      message: expect.stringContaining('truncated'),
    });
    const identity = accumulateCanonical(
      fromArray<CanonicalStreamEvent>([
        {
          type: 'error',
          error: { message: 'x', type: 'server_error', code: 'tool_call_identity_changed', param: null },
        },
      ]),
    );
    await expect(identity).rejects.toMatchObject({ code: 'tool_call_identity_changed' });
  });

  it('throws when the stream ends without finish', async () => {
    await expect(accumulateCanonical(fromArray<CanonicalStreamEvent>([start]))).rejects.toMatchObject({
      code: 'invalid_stream',
    });
  });
});
