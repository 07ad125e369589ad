/** The Response object as Open Responses requires it (docs/open-responses.md#response-object). */
import { describe, expect, it } from 'vitest';
import type { CanonicalResponse } from '../items/canonical.js';
import { buildResponseSkeleton, completeResponseObject } from './build-response-object.js';

const skeleton = (request: Record<string, unknown> = {}) =>
  buildResponseSkeleton({ id: 'resp_1', createdAt: 100, request: { model: 'm', ...request }, tools: [] });
const finished = (fields: Partial<CanonicalResponse> = {}): CanonicalResponse => ({
  id: 'up',
  model: 'm-2025',
  createdAt: 100,
  output: [],
  finishReason: 'stop',
  usage: null,
  ...fields,
});

describe('buildResponseSkeleton', () => {
  it('has completed_at null and the sampling fields at their defaults while in progress', () => {
    expect(skeleton()).toMatchObject({
      completed_at: null,
      presence_penalty: 0,
      frequency_penalty: 0,
      temperature: 1,
      top_p: 1,
      top_logprobs: 0,
      service_tier: 'auto',
    });
  });

  it('echoes the sampling the client asked for, and the default for an explicit null', () => {
    expect(skeleton({ presence_penalty: 0.5, frequency_penalty: -1, temperature: null })).toMatchObject({
      presence_penalty: 0.5,
      frequency_penalty: -1,
      temperature: 1,
    });
  });
});

describe('completeResponseObject', () => {
  it('stamps completed_at on a completed response and not on an incomplete one', () => {
    const before = Math.floor(Date.now() / 1000);
    const done = completeResponseObject(skeleton(), finished());
    expect(done.completed_at).toBeGreaterThanOrEqual(before);
    expect(completeResponseObject(skeleton(), finished({ finishReason: 'length' })).completed_at).toBeNull();
  });

  it("passes the upstream's own fields through instead of the defaults", () => {
    const done = completeResponseObject(
      skeleton(),
      finished({
        responseFields: { completed_at: 123, top_p: 0.98, reasoning: { effort: 'high', summary: null } },
      }),
    );
    expect(done).toMatchObject({
      completed_at: 123,
      top_p: 0.98,
      reasoning: { effort: 'high', summary: null },
    });
    expect(done.id).toBe('resp_1');
  });

  it('keeps the fields of output items and parts that the gateway does not interpret', () => {
    const done = completeResponseObject(
      skeleton(),
      finished({
        output: [
          {
            type: 'message',
            id: 'msg_1',
            role: 'assistant',
            content: [{ type: 'text', text: 'Hi', passthrough: { annotations: [{ type: 'url_citation' }] } }],
            passthrough: { phase: 'final_answer' },
          },
        ],
      }),
    );
    expect(done.output[0]).toEqual({
      type: 'message',
      id: 'msg_1',
      role: 'assistant',
      status: 'completed',
      phase: 'final_answer',
      content: [{ type: 'output_text', text: 'Hi', annotations: [{ type: 'url_citation' }], logprobs: [] }],
    });
  });
});
