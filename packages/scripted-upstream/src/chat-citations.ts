/** The source `#citations` cites (docs/scripted-upstream.md#directives). */
export const CITED_SOURCE = { url: 'https://example.com/scripted-source', title: 'Scripted source' };

/** A search model's `annotations` for a text answer: one URL citation spanning the whole text. */
export function citationsOf(text: string): unknown[] {
  return [
    {
      type: 'url_citation',
      url_citation: { start_index: 0, end_index: text.length, ...CITED_SOURCE },
    },
  ];
}
