import type { CanonicalItem } from '@toolbridge/core';
import { describe, expect, it } from 'vitest';
import {
  EncryptedReasoningRefusals,
  statelessReasoningItems,
  withEncryptedReasoning,
} from './stateless-reasoning.js';

const refusal = {
  status: 400,
  param: 'include',
  message: "Upstream 'openai' rejected the request: Encrypted content is not supported with this model.",
};

describe('statelessReasoningItems', () => {
  it('keeps encrypted content and summary only, and leaves out what cannot be read back', () => {
    const summary = [{ type: 'summary_text', text: 'Plan.' }];
    const items: CanonicalItem[] = [
      { type: 'message', role: 'user', content: [{ type: 'text', text: 'hi' }] } as CanonicalItem,
      {
        type: 'reasoning',
        id: 'rs_1',
        raw: { type: 'reasoning', id: 'rs_1', summary, encrypted_content: 'gAAA', status: 'completed' },
      },
      { type: 'reasoning', id: 'rs_2', raw: { type: 'reasoning', id: 'rs_2', summary } },
      {
        type: 'reasoning',
        raw: { type: 'reasoning', summary: [], content: [{ type: 'reasoning_text', text: 'x' }] },
      },
      { type: 'reasoning', raw: { type: 'reasoning', summary: [], encrypted_content: 'tb1.anthropic.e30' } },
    ];
    const { items: kept, dropped } = statelessReasoningItems(items);
    expect(dropped).toBe(3);
    expect(kept).toEqual([
      items[0],
      { type: 'reasoning', raw: { type: 'reasoning', summary, encrypted_content: 'gAAA' } },
    ]);
  });
});

describe('withEncryptedReasoning', () => {
  it("adds the value once, without changing the client's array", () => {
    const asked = ['message.output_text.logprobs'];
    expect(withEncryptedReasoning(asked)).toEqual([
      'message.output_text.logprobs',
      'reasoning.encrypted_content',
    ]);
    expect(asked).toEqual(['message.output_text.logprobs']);
    expect(withEncryptedReasoning(['reasoning.encrypted_content'])).toEqual(['reasoning.encrypted_content']);
    expect(withEncryptedReasoning(undefined)).toEqual(['reasoning.encrypted_content']);
  });
});

describe('EncryptedReasoningRefusals', () => {
  it('learns a model from its refusal of the include, once', () => {
    const refusals = new EncryptedReasoningRefusals();
    expect(refusals.learn({ ...refusal, param: 'input' }, 'gpt-4o')).toBe(false);
    expect(refusals.learn({ ...refusal, status: 404 }, 'gpt-4o')).toBe(false);
    expect(refusals.learn({ ...refusal, message: 'Unknown include value.' }, 'gpt-4o')).toBe(false);
    expect(refusals.has('gpt-4o')).toBe(false);
    expect(refusals.learn(refusal, 'gpt-4o')).toBe(true);
    expect(refusals.has('gpt-4o')).toBe(true);
    // Known already: a second refusal is the client's own include, not something to retry.
    expect(refusals.learn(refusal, 'gpt-4o')).toBe(false);
  });

  it('remembers at most 1,000 models, forgetting the oldest', () => {
    const refusals = new EncryptedReasoningRefusals();
    for (let index = 0; index <= 1_000; index += 1) refusals.learn(refusal, `model-${index}`);
    expect(refusals.has('model-0')).toBe(false);
    expect(refusals.has('model-1')).toBe(true);
    expect(refusals.has('model-1000')).toBe(true);
  });
});
