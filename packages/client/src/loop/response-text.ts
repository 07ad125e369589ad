import type { CanonicalItem } from '@toolbridge/core';

/** The assistant text of a turn's output: the text parts of its assistant messages, joined. */
export function responseText(output: readonly CanonicalItem[]): string {
  let text = '';
  for (const item of output) {
    if (item.type !== 'message' || item.role !== 'assistant') continue;
    if (typeof item.content === 'string') text += item.content;
    else for (const part of item.content) if (part.type === 'text') text += part.text;
  }
  return text;
}
