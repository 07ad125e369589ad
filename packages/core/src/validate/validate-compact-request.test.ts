/** `POST /v1/responses/compact` bodies and compaction items as input (docs/open-responses.md#compaction). */
import { describe, expect, it } from 'vitest';
import { validateCompactRequest } from './validate-compact-request.js';
import { validateResponsesRequest } from './validate-responses-request.js';

const input = [{ type: 'message', role: 'user', content: 'Compact this.' }];

describe('validateCompactRequest', () => {
  it('requires model', () => {
    const result = validateCompactRequest({ input });
    expect(result.ok).toBe(false);
    expect(result.ok ? null : result.issues[0]?.message).toBe('you must provide a model parameter');
  });

  it('accepts the documented fields and rejects the create-only ones', () => {
    expect(
      validateCompactRequest({
        model: 'm',
        input,
        instructions: 'x',
        prompt_cache_key: 'k',
        previous_response_id: null,
      }).ok,
    ).toBe(true);
    const result = validateCompactRequest({ model: 'm', input, tools: [] });
    expect(result.ok ? null : result.issues[0]?.message).toBe("Unknown parameter: 'tools'.");
  });
});

describe('compaction items in Responses input', () => {
  it('are accepted with their opaque content, and need it', () => {
    const compaction = { type: 'compaction', id: 'cmp_1', encrypted_content: 'opaque' };
    expect(validateResponsesRequest({ model: 'm', input: [...input, compaction] }).ok).toBe(true);
    const missing = validateResponsesRequest({ model: 'm', input: [{ type: 'compaction' }] });
    expect(missing.ok ? null : missing.issues[0]?.message).toBe(
      "Missing required parameter: 'input[0].encrypted_content'.",
    );
  });

  it('accept assistant messages with phase, and presence/frequency penalties', () => {
    const phased = { type: 'message', role: 'assistant', phase: 'commentary', content: 'Checking.' };
    const result = validateResponsesRequest({
      model: 'm',
      input: [phased, ...input],
      presence_penalty: 0.2,
      frequency_penalty: null,
    });
    expect(result.ok).toBe(true);
  });
});
