import { describe, expect, it } from 'vitest';
import { EncryptedReasoningRefusals, withEncryptedReasoning } from './encrypted-reasoning.js';

const refusal = {
  status: 400,
  param: 'include',
  message: "Upstream 'openai' rejected the request: Encrypted content is not supported with this model.",
};

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
