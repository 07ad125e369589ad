import type { CanonicalItem } from '@toolbridge/core';
import { describe, expect, it } from 'vitest';
import { statelessReasoningItems } from './stateless-reasoning.js';

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
