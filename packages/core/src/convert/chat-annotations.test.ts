import { describe, expect, it } from 'vitest';
import { annotationsFromChat, annotationsToChat } from './chat-annotations.js';

describe('citations between the Chat and Responses shapes', () => {
  const nested = {
    type: 'url_citation',
    url_citation: { start_index: 0, end_index: 5, url: 'https://example.com', title: 'Example' },
  };
  const flat = {
    type: 'url_citation',
    start_index: 0,
    end_index: 5,
    url: 'https://example.com',
    title: 'Example',
  };

  it('flattens Chat citations, keeps other types as they are, and reads no empty or non-array list', () => {
    const other = { type: 'something_new', value: 1 };
    expect(annotationsFromChat([nested, other])).toEqual([flat, other]);
    expect(annotationsFromChat([])).toBeUndefined();
    expect(annotationsFromChat(null)).toBeUndefined();
  });

  it('nests URL citations for Chat, moved by the text before them, and leaves out what Chat has no form for', () => {
    const file = { type: 'file_citation', file_id: 'file_1', index: 3 };
    expect(annotationsToChat([flat, file, nested], 7)).toEqual([
      {
        type: 'url_citation',
        url_citation: { start_index: 7, end_index: 12, url: 'https://example.com', title: 'Example' },
      },
      nested,
    ]);
    expect(annotationsToChat(annotationsFromChat([nested]) ?? [])).toEqual([nested]);
  });
});
